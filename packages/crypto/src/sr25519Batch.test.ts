import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ristretto255 } from "@noble/curves/ed25519.js";
import { beforeAll, describe, expect, it } from "vitest";
import { type Random, seeded } from "../../../test/support/seeded.ts";
import { initCrypto } from "./init.ts";
import { sr25519KeypairFromSeed, sr25519Sign, sr25519Verify } from "./sr25519.ts";
import { batchModule, type Sr25519Check, sr25519VerifyBatch, sr25519VerifyEach } from "./sr25519Batch.ts";

// The group and scalar operations the batch is built from, exported by the module for these tests.
interface TestExports {
  testRoundTrip(): number;
  testMsm(n: number): number;
  testScalars(): void;
}

const Point = ristretto255.Point;
const L = Point.Fn.ORDER;
const P = 2n ** 255n - 19n;

const le = (bytes: Uint8Array): bigint => bytes.reduceRight((n, b) => (n << 8n) | BigInt(b), 0n);
const toLe = (n: bigint, length = 32): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));

const wasm = () => batchModule() as ReturnType<typeof batchModule> & TestExports;
const input = () => new Uint8Array(wasm().memory.buffer, wasm().input());

let checks: Sr25519Check[] = [];

beforeAll(async () => {
  await initCrypto();
  checks = Array.from({ length: 300 }, (_, i) => {
    const pair = sr25519KeypairFromSeed(new Uint8Array(32).fill(i + 1).map((b, j) => b ^ j));
    // Messages of every size up to past the 256 bytes at which Substrate hashes a payload.
    const message = Uint8Array.from({ length: (i * 37) % 400 }, (_, j) => i + j);
    return { signature: sr25519Sign(pair, message), message, publicKey: pair.publicKey };
  });
});

const flip = (bytes: Uint8Array, i: number, mask = 1): Uint8Array => {
  const out = bytes.slice();
  out[i]! ^= mask;
  return out;
};

/** s + l with the marker kept: the same signature as an integer, but not canonical. */
function sPlusL(signature: Uint8Array): Uint8Array {
  const s = le(signature.subarray(32)) & ((1n << 255n) - 1n);
  const out = signature.slice();
  out.set(toLe(s + L), 32);
  out[63]! |= 0x80;
  return out;
}

/** Ways to damage check i; each must make it invalid for the single verifier too. */
const damages: Record<string, (c: Sr25519Check, i: number) => Sr25519Check> = {
  "a message bit": (c) => ({ ...c, message: flip(c.message.length ? c.message : Uint8Array.of(0), 0) }),
  "an R bit": (c) => ({ ...c, signature: flip(c.signature, 5) }),
  "an s bit": (c) => ({ ...c, signature: flip(c.signature, 40) }),
  "no schnorrkel marker": (c) => ({ ...c, signature: flip(c.signature, 63, 0x80) }),
  "s + l (not canonical)": (c) => ({ ...c, signature: sPlusL(c.signature) }),
  "a key bit": (c) => ({ ...c, publicKey: flip(c.publicKey, 0) }),
  "another signer's key": (c, i) => ({ ...c, publicKey: checks[(i + 1) % checks.length]!.publicKey }),
  "another message's signature": (c, i) => ({ ...c, signature: checks[(i + 1) % checks.length]!.signature }),
  "R not a point": (c) => ({
    ...c,
    signature: Uint8Array.of(...new Uint8Array(32).fill(0xff), ...c.signature.subarray(32)),
  }),
  "a key not a point": (c) => ({ ...c, publicKey: new Uint8Array(32).fill(0xff) }),
};

describe("sr25519 batch verification", () => {
  it("accepts valid batches of any size, across several Wasm batches, and the empty one", () => {
    for (const n of [1, 2, 7, 256, 257, 300]) expect(sr25519VerifyBatch(checks.slice(0, n))).toBe(true);
    expect(sr25519VerifyBatch([])).toBe(true);
    expect(sr25519VerifyEach(checks)).toEqual(checks.map(() => true));
  });

  it("refuses a batch with one damaged signature anywhere, and names that one alone", () => {
    for (const [what, damage] of Object.entries(damages)) {
      for (const at of [0, 150, 299]) {
        const batch = checks.slice();
        batch[at] = damage(checks[at]!, at);
        const c = batch[at]!;
        expect(sr25519Verify(c.signature, c.message, c.publicKey), what).toBe(false);
        expect(sr25519VerifyBatch(batch), `${what} at ${at}`).toBe(false);
        expect(sr25519VerifyEach(batch), `${what} at ${at}`).toEqual(batch.map((_, i) => i !== at));
      }
    }
  });

  it("answers false, never throws, for checks of the wrong shape", () => {
    const c = checks[3]!;
    const bad = [
      { ...c, signature: c.signature.subarray(0, 63) },
      { ...c, publicKey: new Uint8Array(33) },
      { ...c, message: "hello" as unknown as Uint8Array },
    ];
    for (const b of bad) {
      expect(sr25519VerifyBatch([checks[0]!, b])).toBe(false);
      expect(sr25519VerifyEach([checks[0]!, b])).toEqual([true, false]);
    }
  });

  it("checks a message larger than the module's input alone, valid or not", () => {
    const pair = sr25519KeypairFromSeed(new Uint8Array(32).fill(9));
    const message = new Uint8Array(wasm().inputCapacity() + 1).fill(7);
    const big = { signature: sr25519Sign(pair, message), message, publicKey: pair.publicKey };
    expect(sr25519VerifyBatch([checks[0]!, big, checks[1]!])).toBe(true);
    expect(sr25519VerifyBatch([checks[0]!, { ...big, message: flip(message, 9) }, checks[1]!])).toBe(false);
  });

  it("refuses input the module cannot parse: a count or length that does not match", () => {
    const c = checks[0]!;
    const mem = input();
    mem.set(c.publicKey, 0);
    mem.set(c.signature, 32);
    mem.fill(1, 96, 112);
    mem.set([c.message.length, 0, 0, 0], 112);
    mem.set(c.message, 116);
    const length = 116 + c.message.length;
    expect(wasm().verifyBatch(1, length)).toBe(1);
    for (const [n, len] of [
      [1, length - 1],
      [1, length + 1],
      [2, length],
      [0, 0],
      [-1, length],
      [wasm().maxBatch() + 1, length],
      [1, wasm().inputCapacity() + 1],
    ] as const) {
      expect(wasm().verifyBatch(n, len), `${n} checks in ${len} bytes`).toBe(0);
    }
  });
});

describe("the batch module's ristretto255 and scalar arithmetic, against @noble/curves and BigInt", () => {
  /** What the module makes of 32 bytes: their encoding again, or undefined if they do not decode. */
  function roundTrip(bytes: Uint8Array): string | undefined {
    input().set(bytes);
    return wasm().testRoundTrip() === 1 ? Buffer.from(input().slice(32, 64)).toString("hex") : undefined;
  }
  function noble(bytes: Uint8Array): string | undefined {
    try {
      return Point.fromBytes(bytes).toHex();
    } catch {
      return undefined;
    }
  }
  const randomPoint = (r: Random) => Point.BASE.multiply((le(r.bytes(32)) % (L - 1n)) + 1n);

  it("decodes exactly the encodings noble decodes, to the same point", () => {
    const r = seeded();
    const samples: Uint8Array[] = [new Uint8Array(32), Point.BASE.toBytes()];
    for (let i = 0; i < 300; i++) samples.push(randomPoint(r).toBytes(), r.bytes(32));
    // Field elements at the edges: 0..20, p - 20 .. p + 20 (not canonical), bit 255 set.
    for (let d = 0n; d <= 20n; d++)
      samples.push(toLe(d), toLe(P - 20n + d), toLe(P + d), toLe(d | (1n << 255n)));
    // Valid encodings with one bit changed, the sign bit and the top bit included.
    const valid = randomPoint(r).toBytes();
    for (let bit = 0; bit < 256; bit++) samples.push(flip(valid, bit >> 3, 1 << (bit & 7)));
    let decoded = 0;
    for (const s of samples) {
      const ours = roundTrip(s);
      expect(ours, Buffer.from(s).toString("hex")).toBe(noble(s));
      if (ours !== undefined) decoded++;
    }
    expect(decoded).toBeGreaterThan(300); // the sample holds both kinds
  });

  it("multiplies and sums points as noble does, for every window size the module picks", () => {
    const r = seeded();
    const special = [0n, 1n, L - 1n, L, 2n ** 128n - 1n, 2n ** 256n - 1n];
    for (const n of [1, 2, 31, 32, 127, 128, 383, 384, 513]) {
      const points = Array.from({ length: n }, () => randomPoint(r));
      const scalars = points.map((_, i) => special[i] ?? (i % 2 ? le(r.bytes(16)) : le(r.bytes(32))));
      const mem = input();
      for (let i = 0; i < n; i++) {
        mem.set(points[i]!.toBytes(), 32 * i);
        mem.set(toLe(scalars[i]!), 32 * (n + i));
      }
      expect(wasm().testMsm(n)).toBe(1);
      const sum = points.reduce((acc, p, i) => {
        const s = scalars[i]! % L;
        return s === 0n ? acc : acc.add(p.multiply(s));
      }, Point.ZERO);
      expect(Buffer.from(input().slice(64 * n, 64 * n + 32)).toString("hex"), `${n} points`).toBe(
        sum.toHex(),
      );
    }
    expect(wasm().testMsm(514)).toBe(0);
  });

  it("reduces 64-byte numbers and computes a b + c modulo l as BigInt does", () => {
    const r = seeded();
    const max253 = 2n ** 253n - 1n;
    const cases: bigint[][] = [
      [2n ** 512n - 1n, max253, max253, max253],
      [0n, 0n, 0n, 0n],
      [L, L - 1n, L - 1n, L - 1n],
      [L * L, L, 1n, L],
      [2n ** 252n, 2n ** 252n, 2n ** 252n, 0n],
    ];
    for (let i = 0; i < 300; i++) {
      cases.push([
        le(r.bytes(64)),
        le(r.bytes(32)) & max253,
        le(r.bytes(32)) & max253,
        le(r.bytes(32)) & max253,
      ]);
    }
    for (const [wide, a, b, c] of cases) {
      const mem = input();
      mem.set(toLe(wide!, 64), 0);
      mem.set(toLe(a!), 96);
      mem.set(toLe(b!), 128);
      mem.set(toLe(c!), 160);
      wasm().testScalars();
      expect(le(input().slice(64, 96)), `${wide} mod l`).toBe(wide! % L);
      expect(le(input().slice(192, 224)), `${a} ${b} + ${c}`).toBe((a! * b! + c!) % L);
    }
  });
});

// The module is committed so that neither the node nor CI needs a C toolchain; where clang and
// wasm-ld are installed, it must be exactly what its sources build.
const hasToolchain = ["clang", "wasm-ld"].every((tool) => spawnSync(tool, ["--version"]).status === 0);

describe.runIf(hasToolchain)("the committed Wasm modules", () => {
  it("are what packages/crypto/wasm builds", () => {
    const dir = mkdtempSync(join(tmpdir(), "crypto-wasm-"));
    try {
      execFileSync("bash", [new URL("../wasm/build.sh", import.meta.url).pathname, dir], { stdio: "pipe" });
      for (const name of ["sr25519Batch.wasm", "hash.wasm"]) {
        const committed = readFileSync(new URL(`./${name}`, import.meta.url));
        expect(readFileSync(join(dir, name)).equals(committed), name).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
