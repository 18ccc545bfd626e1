import { describe, expect, it } from "vitest";
import { DecodeError } from "../errors.ts";
import { fromHex, toHex } from "../hex.ts";
import { kindOf } from "../test/kindOf.ts";
import { decodeExact, makeCodec, withIdentity } from "./codec.ts";
import { u8, u32 } from "./ints.ts";
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

describe("Writer", () => {
  it("grows from any starting capacity, including zero", () => {
    for (const capacity of [0, 1, 3, 64]) {
      const w = new Writer(capacity);
      for (let i = 0; i < 300; i++) w.byte(i & 0xff);
      w.bytes(new Uint8Array(1000).fill(7));
      w.u32(0xdeadbeef);
      const out = w.finish();
      expect(out.length).toBe(1304);
      expect(out[299]).toBe(299 & 0xff);
      expect(toHex(out.subarray(1300))).toBe("0xefbeadde");
    }
  });

  it("writes wide integers little-endian across the writer's growth, zero words included", () => {
    const w = new Writer(0);
    w.u16(0xbeef);
    w.bigUint((1n << 127n) | 0x0102n, 16);
    w.bigUint(0n, 8);
    w.bigUint(0xffff_ffff_ffff_ffffn, 16);
    expect(toHex(w.finish())).toBe(
      "0xefbe" + "0201" + "00".repeat(13) + "80" + "0000000000000000" + "ffffffffffffffff0000000000000000",
    );
  });

  it("reuses its buffer after reset, and a finished value is not affected", () => {
    const w = new Writer(4);
    w.u32(1);
    const first = w.finish();
    w.reset();
    w.u32(2);
    expect(toHex(first)).toBe("0x01000000");
    expect(toHex(w.finish())).toBe("0x02000000");
    expect(w.capacity).toBe(4);
  });

  it("finish returns a copy sized to the content", () => {
    const w = new Writer();
    w.byte(1);
    const a = w.finish();
    w.byte(2);
    expect(toHex(a)).toBe("0x01");
    expect(toHex(w.finish())).toBe("0x0102");
  });
});

describe("Reader", () => {
  it("reads within bounds and reports truncation with the offset", () => {
    const r = new Reader(fromHex("0x010203"));
    expect(r.byte("x")).toBe(1);
    expect(toHex(r.take(2, "x"))).toBe("0x0203");
    expect(r.remaining).toBe(0);
    let e: unknown;
    try {
      r.byte("thing");
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(DecodeError);
    expect(e).toMatchObject({ kind: "truncated", what: "thing", code: "DECODE_TRUNCATED" });
  });

  it("take is a view of the input, need does not consume", () => {
    const bytes = fromHex("0x0a0b0c");
    const r = new Reader(bytes);
    r.need(3, "x");
    expect(r.offset).toBe(0);
    const view = r.take(2, "x");
    bytes[0] = 0xff;
    expect(view[0]).toBe(0xff);
    expect(kindOf(() => r.need(2, "x"))).toBe("truncated");
  });

  it("end refuses leftover bytes", () => {
    const r = new Reader(fromHex("0x0102"));
    r.byte("x");
    expect(kindOf(() => r.end("x"))).toBe("trailing-bytes");
    r.byte("x");
    expect(kindOf(() => r.end("x"))).toBe("ok");
  });
});

describe("decodeExact", () => {
  it("reports a decoder's non-DecodeError failure as invalid-value, keeping the cause", () => {
    const broken = makeCodec<number>(
      u8.desc,
      1,
      () => {},
      () => {
        throw new TypeError("bug");
      },
      "broken",
    );
    let caught: unknown;
    try {
      broken.dec(Uint8Array.of(0));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect(caught).toMatchObject({ kind: "invalid-value", what: "broken" });
    expect((caught as DecodeError).cause).toBeInstanceOf(TypeError);
  });

  it("requires the whole input", () => {
    expect(decodeExact(u32, fromHex("0x01000000"), "u32")).toBe(1);
    expect(kindOf(() => decodeExact(u32, fromHex("0x0100000000"), "u32"))).toBe("trailing-bytes");
  });
});

describe("withIdentity", () => {
  it("adds a type path without changing the encoding", () => {
    const Nonce = withIdentity(u32, { path: ["frame_system", "Nonce"], docs: ["a nonce"] });
    expect(Nonce.desc).toMatchObject({ kind: "primitive", name: "u32", path: ["frame_system", "Nonce"] });
    expect(toHex(Nonce.enc(7))).toBe("0x07000000");
    expect(Nonce.dec(fromHex("0x07000000"))).toBe(7);
    expect(kindOf(() => Nonce.dec(fromHex("0x070000")))).toBe("truncated");
    expect(u32.desc.path).toBeUndefined();
  });
});
