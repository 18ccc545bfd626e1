/**
 * Fuzzing every decoder in the package. A decoder given any bytes must return a value or throw a
 * DecodeError, never another error, never a DecodeError that wraps a crash, and never hang. A
 * codec that accepts bytes must re-encode them exactly (one encoding per value), and values
 * round-trip through encode/decode.
 *
 * Codecs exported from index.ts are found by shape, so codecs added later (header, block,
 * extrinsic, era, ...) are fuzzed without editing this file; valid encodings to mutate are
 * generated from each codec's type description.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as primitives from "./index.ts";
import {
  AccountId32,
  Bytes,
  base58Decode,
  bool,
  type Codec,
  compactU32,
  compactU64,
  compactU128,
  DecodeError,
  type DecodeErrorKind,
  decodeUtf8,
  Enum,
  FixedArray,
  fromHex,
  i32,
  i128,
  lazy,
  MultiAddress,
  MultiSignature,
  mapCodec,
  Option,
  Result,
  Struct,
  splitStorageKey,
  ss58Decode,
  ss58Encode,
  storageKey,
  str,
  Tuple,
  type TypeDesc,
  toHex,
  u8,
  u16,
  u32,
  u64,
  u128,
  unit,
  Vec,
  Writer,
  withIdentity,
  writeCompact,
} from "./index.ts";

const KINDS: ReadonlySet<DecodeErrorKind> = new Set<DecodeErrorKind>([
  "truncated",
  "trailing-bytes",
  "non-canonical",
  "unknown-variant",
  "too-large",
  "bad-length",
  "bad-checksum",
  "bad-prefix",
  "invalid-value",
]);

/** A decoder under test: its name, the decode function, and optionally how to re-encode its value. */
type Target = [name: string, decode: (bytes: Uint8Array) => unknown, encode?: (value: unknown) => Uint8Array];

type Outcome = { ok: true; value: unknown } | { ok: false; kind: DecodeErrorKind };

/** Runs one decode and fails the test on anything but a value or a genuine DecodeError. */
function attempt([name, decode, encode]: Target, bytes: Uint8Array): Outcome {
  let value: unknown;
  try {
    value = decode(bytes);
  } catch (e) {
    if (!(e instanceof DecodeError))
      throw new Error(`${name} threw ${String(e)} (not a DecodeError) on ${toHex(bytes)}`, { cause: e });
    if (e.cause !== undefined && !(e.cause instanceof DecodeError))
      throw new Error(`${name} crashed (reported as DecodeError) on ${toHex(bytes)}: ${String(e.cause)}`, {
        cause: e,
      });
    if (!KINDS.has(e.kind)) throw new Error(`${name} threw an unknown kind ${e.kind}`);
    return { ok: false, kind: e.kind };
  }
  // Strict decoding means one encoding per value: what was accepted re-encodes to the same bytes.
  if (encode) expect([name, toHex(encode(value))]).toEqual([name, toHex(bytes)]);
  return { ok: true, value };
}

// ---- valid encodings from a type description --------------------------------------------------

const compactBits: Record<string, number> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, u256: 256 };
const intWidth: Record<string, number> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8 };
for (const bits of [128, 256]) {
  intWidth[`u${bits}`] = bits / 8;
  intWidth[`i${bits}`] = bits / 8;
}

function compactBytes(v: bigint | number): Uint8Array {
  const w = new Writer();
  writeCompact(w, v);
  return w.finish();
}

const concat = (parts: Uint8Array[]): Uint8Array => primitives.concatBytes(...parts);

/** Values near the mode boundaries of compact integers, where bugs live. */
function arbCompactValue(bits: number): fc.Arbitrary<bigint> {
  const max = (1n << BigInt(bits)) - 1n;
  const edges = [0n, 63n, 64n, 16383n, 16384n, 2n ** 30n - 1n, 2n ** 30n, 2n ** 32n - 1n, max].filter(
    (v) => v <= max,
  );
  const small = max < 300n ? max : 300n;
  return fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max: small }));
}

/**
 * Valid encodings of `desc`, or undefined where recursion must stop. Sequences are kept short
 * and recursion shallow so that generation stays fast.
 */
function arbEncoding(desc: TypeDesc, depth = 0): fc.Arbitrary<Uint8Array> | undefined {
  if (depth > 6) return undefined;
  switch (desc.kind) {
    case "primitive": {
      if (desc.name === "bool") return fc.constantFrom(Uint8Array.of(0), Uint8Array.of(1));
      if (desc.name === "str")
        return fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => {
          const b = primitives.encodeUtf8(s);
          return concat([compactBytes(b.length), b]);
        });
      if (desc.name === "char")
        return fc
          .integer({ min: 0, max: 0x10ffff })
          .filter((c) => c < 0xd800 || c > 0xdfff)
          .map((c) => u32.enc(c));
      const width = intWidth[desc.name]!;
      return fc.uint8Array({ minLength: width, maxLength: width });
    }
    case "compact": {
      const bits = desc.inner.kind === "primitive" ? (compactBits[desc.inner.name] ?? 128) : 128;
      return arbCompactValue(bits).map(compactBytes);
    }
    case "sequence": {
      if (desc.inner.kind === "primitive" && desc.inner.name === "u8")
        return fc.uint8Array({ maxLength: 40 }).map((b) => concat([compactBytes(b.length), b]));
      const item = arbEncoding(desc.inner, depth + 1);
      if (!item) return fc.constant(compactBytes(0));
      return fc
        .array(item, { maxLength: depth > 2 ? 1 : 4 })
        .map((items) => concat([compactBytes(items.length), ...items]));
    }
    case "array": {
      if (desc.inner.kind === "primitive" && desc.inner.name === "u8")
        return fc.uint8Array({ minLength: desc.len, maxLength: desc.len });
      const item = arbEncoding(desc.inner, depth + 1);
      if (!item) return desc.len === 0 ? fc.constant(new Uint8Array()) : undefined;
      return fc.array(item, { minLength: desc.len, maxLength: desc.len }).map(concat);
    }
    case "tuple":
    case "composite": {
      const types = desc.kind === "tuple" ? desc.items : desc.fields.map((f) => f.type);
      const parts = types.map((t) => arbEncoding(t, depth + 1));
      if (parts.some((p) => p === undefined)) return undefined;
      return fc.tuple(...(parts as fc.Arbitrary<Uint8Array>[])).map(concat);
    }
    case "variant": {
      const options: fc.Arbitrary<Uint8Array>[] = [];
      for (const v of desc.variants) {
        const fields = v.fields.map((f) => arbEncoding(f.type, depth + 1));
        if (fields.some((f) => f === undefined)) continue;
        options.push(
          fc
            .tuple(...(fields as fc.Arbitrary<Uint8Array>[]))
            .map((parts) => concat([Uint8Array.of(v.index), ...parts])),
        );
      }
      return options.length > 0 ? fc.oneof(...options) : undefined;
    }
    case "lazy":
      return arbEncoding(desc.get(), depth + 1);
  }
}

// ---- mutations -------------------------------------------------------------------------------

/** Length prefixes that claim far more than any fuzz input holds. */
const HUGE_LENGTHS = ["0xfeffffff", "0x03ffffffff", "0x0300000040", "0xfdff", "0x13ffffffffffffffff"].map(
  fromHex,
);

type Mutation =
  | { op: "flip"; at: number; bit: number }
  | { op: "set"; at: number; byte: number }
  | { op: "truncate"; at: number }
  | { op: "delete"; at: number }
  | { op: "append"; bytes: Uint8Array }
  | { op: "insert"; at: number; bytes: Uint8Array };

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    op: fc.constant("set" as const),
    at: fc.nat(),
    byte: fc.constantFrom(0, 1, 2, 3, 0x7f, 0x80, 0xfe, 0xff),
  }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("append" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.constantFrom(...HUGE_LENGTHS), fc.uint8Array({ minLength: 1, maxLength: 4 })),
  }),
);

function mutate(input: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b: Uint8Array = Uint8Array.from(input);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : ("at" in m ? m.at : 0) % b.length;
    if (m.op === "flip" && b.length > 0) b[at]! ^= 1 << m.bit;
    else if (m.op === "set" && b.length > 0) b[at] = m.byte;
    else if (m.op === "truncate") b = b.slice(0, at);
    else if (m.op === "delete" && b.length > 0) b = concat([b.subarray(0, at), b.subarray(at + 1)]);
    else if (m.op === "append") b = concat([b, m.bytes]);
    else if (m.op === "insert") b = concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
  }
  return b;
}

// ---- the decoders ------------------------------------------------------------------------------

function isCodec(x: unknown): x is Codec<unknown> {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.dec === "function" &&
    typeof c.enc === "function" &&
    typeof c.read === "function" &&
    typeof c.desc === "object"
  );
}

/** Every codec exported from index.ts, found by shape. */
const exportedCodecs: Array<[string, Codec<unknown>]> = Object.entries(
  primitives as Record<string, unknown>,
).filter((e): e is [string, Codec<unknown>] => isCodec(e[1]));

/** Codecs whose decode is checked to accept every generated valid encoding. */
const STRICT_EXPORTS = new Set([
  "AccountId32",
  "Bytes",
  "H256",
  "MultiAddress",
  "MultiSignature",
  "bool",
  "str",
  "unit",
  ...["u8", "u16", "u32", "u64", "u128", "u256", "i8", "i16", "i32", "i64", "i128", "i256"],
  ...["compactU8", "compactU16", "compactU32", "compactU64", "compactU128", "compactU256"],
]);

// A recursive type, as calls that hold calls are.
type Call = { tag: "Leaf"; value: number } | { tag: "Batch"; value: Call[] } | { tag: "Wrap"; value: Call };
const Call: Codec<Call> = Enum(
  { Leaf: [0, u8], Batch: [1, Vec(lazy(() => Call, "Call"))], Wrap: [3, lazy(() => Call, "Call")] },
  "Call",
) as Codec<Call>;

/** Composite codecs built from the combinators, shaped like the runtime's types. */
const builtCodecs: Array<[string, Codec<unknown>, strict?: boolean]> = [
  ["Vec<u16>", Vec(u16)],
  ["Vec<Bytes>", Vec(Bytes)],
  ["Vec<Vec<str>>", Vec(Vec(str))],
  // Not strict: a count of zero-size items is bounded by the remaining input (a DoS guard).
  ["Vec<()>", Vec(unit), false],
  ["Vec<MultiAddress>", Vec(MultiAddress)],
  ["[u32; 3]", FixedArray(u32, 3)],
  ["[Bytes; 2]", FixedArray(Bytes, 2)],
  ["(u8, Compact<u64>, Bytes, bool)", Tuple(u8, compactU64, Bytes, bool)],
  [
    "AccountInfo",
    Struct({
      nonce: u32,
      consumers: u32,
      providers: u32,
      sufficients: u32,
      data: Struct({ free: u128, reserved: u128, frozen: u128, flags: u128 }),
    }),
  ],
  ["Option<bool>", Option(bool)],
  ["Option<u128>", Option(u128)],
  ["Option<Vec<u8>>", Option(Bytes)],
  ["Result<u32, str>", Result(u32, str)],
  ["Result<(), Enum>", Result(unit, Enum({ A: [0], B: [2, i32], C: [7, compactU128] }))],
  [
    "Enum with gaps",
    Enum({ Unit: [0], Num: [3, i128], Addr: [200, MultiAddress], Sig: [255, MultiSignature] }),
  ],
  ["Call (recursive)", Call],
  ["mapCodec(Bytes → hex)", mapCodec(Bytes, toHex, fromHex)],
  ["withIdentity(Compact<u32>)", withIdentity(compactU32, { path: ["Index"] })],
];

const codecTargets: Array<{ target: Target; codec: Codec<unknown>; strict: boolean }> = [
  ...exportedCodecs.map(([name, codec]) => ({ name, codec, strict: STRICT_EXPORTS.has(name) })),
  ...builtCodecs.map(([name, codec, strict = true]) => ({ name, codec, strict })),
].map(({ name, codec, strict }) => ({
  target: [name, (b: Uint8Array) => codec.dec(b), (v: unknown) => codec.enc(v)] as Target,
  codec,
  strict,
}));

/** Bytes as a string of the same char codes, to feed string decoders. */
const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);
const latin1Bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

const accountKey = ["Blake2_128Concat", AccountId32] as const;

/** Decoders that are not codecs, each with a generator of valid inputs. */
const functionTargets: Array<{ target: Target; valid: fc.Arbitrary<Uint8Array> }> = [
  {
    target: ["ss58Decode", (b) => ss58Decode(latin1(b)), (v) => latin1Bytes(reencodeSs58(v))],
    valid: fc
      .tuple(
        fc.constantFrom(1, 2, 4, 8, 32, 33),
        fc.integer({ min: 0, max: 16383 }).filter((p) => p !== 46 && p !== 47),
        fc.uint8Array({ minLength: 33, maxLength: 33 }),
      )
      .map(([len, prefix, key]) => latin1Bytes(ss58Encode(key.subarray(0, len), prefix))),
  },
  {
    // Inputs drawn from the base58 alphabet reach the checksum and prefix checks.
    target: [
      "ss58Decode (alphabet only)",
      (b) => ss58Decode(Array.from(b, (x) => ALPHABET[x % 58]).join("")),
    ],
    valid: fc.uint8Array({ minLength: 30, maxLength: 52 }),
  },
  {
    target: [
      "base58Decode",
      (b) => base58Decode(latin1(b)),
      (v) => latin1Bytes(primitives.base58Encode(v as Uint8Array)),
    ],
    valid: fc.uint8Array({ maxLength: 40 }).map((b) => latin1Bytes(primitives.base58Encode(b))),
  },
  {
    target: ["fromHex", (b) => fromHex(latin1(b))],
    valid: fc.uint8Array({ maxLength: 20 }).map((b) => latin1Bytes(toHex(b))),
  },
  {
    target: [
      "splitStorageKey System.Account",
      (b) => splitStorageKey(b, "System", "Account", [accountKey]),
      (v) =>
        storageKey("System", "Account", ["Blake2_128Concat", (v as primitives.StorageKeyPart[])[0]!.key!]),
    ],
    valid: fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((a) => storageKey("System", "Account", ["Blake2_128Concat", a])),
  },
  {
    target: [
      "splitStorageKey P.M (three parts)",
      (b) => splitStorageKey(b, "P", "M", [["Twox64Concat", Bytes], "Blake2_128", ["Identity", Vec(u32)]]),
    ],
    valid: fc
      .tuple(
        fc.uint8Array({ maxLength: 20 }),
        fc.uint8Array({ maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 4 }),
      )
      .map(([a, b, c]) =>
        storageKey(
          "P",
          "M",
          ["Twox64Concat", Bytes.enc(a)],
          ["Blake2_128", b],
          ["Identity", Vec(u32).enc(c)],
        ),
      ),
  },
  {
    target: [
      "decodeUtf8",
      (b) => {
        const text = decodeUtf8(b);
        // It reports invalid input by returning undefined, so a valid result must re-encode.
        if (text !== undefined) expect(toHex(primitives.encodeUtf8(text))).toBe(toHex(b));
        return text;
      },
    ],
    valid: fc.string({ unit: "binary", maxLength: 16 }).map((s) => primitives.encodeUtf8(s)),
  },
];

/**
 * Extrinsics: the codec describes itself as opaque bytes (its metadata form), so valid inputs are
 * assembled here from the parts' descriptions. Looked up by name, so a renamed export only drops
 * this target (the codec is still fuzzed through discovery).
 */
const exported = primitives as Record<string, unknown>;
if (isCodec(exported.Extrinsic) && isCodec(exported.CanaryExtra)) {
  const xt = exported.Extrinsic;
  const extra = exported.CanaryExtra;
  const validExtra = arbEncoding(extra.desc)!.filter(
    (b) => attempt(["CanaryExtra", (x) => extra.dec(x)], b).ok,
  );
  const call = fc.uint8Array({ minLength: 2, maxLength: 40 });
  const body = fc.oneof(
    call.map((c) => concat([Uint8Array.of(0x04), c])),
    fc
      .tuple(arbEncoding(MultiAddress.desc)!, arbEncoding(MultiSignature.desc)!, validExtra, call)
      .map((parts) => concat([Uint8Array.of(0x84), ...parts])),
  );
  functionTargets.push({
    target: ["Extrinsic (assembled)", (b) => xt.dec(b), (v) => xt.enc(v)],
    valid: body.map((b) => concat([compactBytes(b.length), b])),
  });
}

function reencodeSs58(v: unknown): string {
  const { publicKey, prefix } = v as primitives.Ss58Decoded;
  return ss58Encode(publicKey, prefix);
}

const RUNS = 250;

describe("fuzz: every decoder returns a value or throws a DecodeError", () => {
  it("finds the exported codecs", () => {
    const names = exportedCodecs.map(([n]) => n);
    for (const expected of [
      "u8",
      "u256",
      "compactU128",
      "Bytes",
      "H256",
      "str",
      "AccountId32",
      "MultiAddress",
    ])
      expect(names).toContain(expected);
  });

  for (const { target, codec, strict } of codecTargets) {
    const [name] = target;
    const valid = arbEncoding(codec.desc);

    it(`${name}: arbitrary bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 96 }), (b) => {
          attempt(target, b);
        }),
        { numRuns: RUNS },
      );
    });

    if (valid) {
      it(`${name}: valid encodings decode, re-encode and round-trip their values`, () => {
        let accepted = 0;
        fc.assert(
          fc.property(valid, (b) => {
            const out = attempt(target, b);
            if (strict) expect([name, out.ok ? "ok" : out.kind]).toEqual([name, "ok"]);
            if (!out.ok) return;
            accepted++;
            expect(codec.dec(codec.enc(out.value))).toEqual(out.value);
          }),
          { numRuns: RUNS },
        );
        if (strict) expect(accepted).toBe(RUNS);
      });

      it(`${name}: mutated valid encodings`, () => {
        fc.assert(
          fc.property(valid, fc.array(arbMutation, { minLength: 1, maxLength: 3 }), (b, ms) => {
            attempt(target, mutate(b, ms));
          }),
          { numRuns: RUNS },
        );
      });
    }
  }

  for (const { target, valid } of functionTargets) {
    const [name] = target;
    it(`${name}: arbitrary, valid and mutated inputs`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 96 }), (b) => {
          attempt(target, b);
        }),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(valid, fc.array(arbMutation, { maxLength: 3 }), (b, ms) => {
          const input = mutate(b, ms);
          const out = attempt(target, input);
          if (ms.length === 0 && target[2]) expect([name, out.ok]).toEqual([name, true]);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe("fuzz: a huge declared length in a small input is refused at once", () => {
  // Each input declares ~2^30 items or bytes but carries a handful; the decoder must refuse from
  // the length alone (too-large), not start reading or allocating.
  const cases: Array<[string, Codec<unknown>, string]> = [
    ["Bytes", Bytes, "0xfeffffff0102"],
    ["str", str, "0x03ffffffff61"],
    ["Vec<u64>", Vec(u64), "0xfeffffff0000000000000000"],
    ["Vec<Vec<u8>>", Vec(Vec(u8)), "0x04feffffff00"],
    ["Vec<()>", Vec(unit), "0xfeffffff"],
    ["Struct { a: u32, v: Vec<u16> }", Struct({ a: u32, v: Vec(u16) }), "0x010000000300000040ffff"],
    ["MultiAddress::Raw", MultiAddress, "0x02feffffff"],
    ["Option<Vec<u8>>", Option(Bytes), "0x01feffffff"],
    ["Call::Batch", Call, "0x01feffffff00"],
  ];
  for (const [name, codec, hex] of cases) {
    it(name, () => {
      expect(attempt([name, (b) => codec.dec(b)], fromHex(hex))).toEqual({ ok: false, kind: "too-large" });
    });
  }

  it("every exported sequence codec", () => {
    for (const [name, codec] of exportedCodecs) {
      if (codec.desc.kind !== "sequence") continue;
      for (const prefix of HUGE_LENGTHS.slice(0, 3)) {
        const input = concat([prefix, new Uint8Array(16)]);
        expect([name, attempt([name, (b) => codec.dec(b)], input)]).toEqual([
          name,
          { ok: false, kind: "too-large" },
        ]);
      }
    }
  });

  it("a storage key whose key codec declares a huge length", () => {
    const key = concat([primitives.storagePrefix("P", "M"), new Uint8Array(8), fromHex("0xfeffffff")]);
    const out = attempt(
      ["splitStorageKey", (b) => splitStorageKey(b, "P", "M", [["Twox64Concat", Bytes]])],
      key,
    );
    expect(out).toEqual({ ok: false, kind: "too-large" });
  });
});

describe("fuzz: values round-trip through encode and decode", () => {
  const cases: Array<[string, Codec<never>, fc.Arbitrary<unknown>]> = [
    ["u8", u8 as Codec<never>, fc.integer({ min: 0, max: 255 })],
    ["u128", u128 as Codec<never>, fc.bigInt({ min: 0n, max: 2n ** 128n - 1n })],
    ["i128", i128 as Codec<never>, fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n })],
    ["Compact<u128>", compactU128 as Codec<never>, arbCompactValue(128)],
    ["Compact<u32>", compactU32 as Codec<never>, arbCompactValue(32).map(Number)],
    ["str", str as Codec<never>, fc.string({ unit: "grapheme", maxLength: 30 })],
    ["Bytes", Bytes as Codec<never>, fc.uint8Array({ maxLength: 100 })],
    ["AccountId32", AccountId32 as Codec<never>, fc.uint8Array({ minLength: 32, maxLength: 32 })],
    [
      "MultiSignature",
      MultiSignature as Codec<never>,
      fc.oneof(
        fc.uint8Array({ minLength: 64, maxLength: 64 }).map((value) => ({ tag: "Sr25519", value })),
        fc.uint8Array({ minLength: 65, maxLength: 65 }).map((value) => ({ tag: "Ecdsa", value })),
      ),
    ],
    [
      "Option<Vec<(u16, bool)>>",
      Option(Vec(Tuple(u16, bool))) as Codec<never>,
      fc.option(fc.array(fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.boolean()), { maxLength: 6 }), {
        nil: undefined,
      }),
    ],
  ];
  for (const [name, codec, arb] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(arb, (v) => {
          expect(codec.dec(codec.enc(v as never))).toEqual(v);
        }),
        { numRuns: 200 },
      );
    });
  }
});
