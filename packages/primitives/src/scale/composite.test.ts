import * as sb from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EncodeError } from "../errors.ts";
import { concatBytes, fromHex, toHex } from "../hex.ts";
import { kindOf } from "../test/kindOf.ts";
import { Bytes, str } from "./bytes.ts";
import { type Codec, makeCodec } from "./codec.ts";
import { compactU32, compactU128 } from "./compact.ts";
import {
  Enum,
  type EnumValue,
  FixedArray,
  lazy,
  MAX_DECODE_DEPTH,
  mapCodec,
  Option,
  Result,
  Struct,
  Tuple,
  unit,
  Vec,
} from "./composite.ts";
import { bool, u8, u16, u32, u64, u128 } from "./ints.ts";

/** Every strict prefix of a valid encoding must fail (truncated, or too-large for a length); one more byte too. */
function expectPrefixesRejected<T>(codec: Codec<T>, bytes: Uint8Array): void {
  for (let n = 0; n < bytes.length; n++)
    expect(["truncated", "too-large"]).toContain(kindOf(() => codec.dec(bytes.subarray(0, n))));
  expect(kindOf(() => codec.dec(Uint8Array.of(...bytes, 0)))).toBe("trailing-bytes");
}

describe("unit", () => {
  it("encodes to nothing", () => {
    expect(unit.enc(undefined).length).toBe(0);
    expect(unit.dec(new Uint8Array())).toBeUndefined();
    expect(kindOf(() => unit.dec(Uint8Array.of(0)))).toBe("trailing-bytes");
  });
});

describe("Vec", () => {
  const VecU16 = Vec(u16);

  it("is a compact count then the items, as substrate-bindings Vector", () => {
    expect(toHex(VecU16.enc([]))).toBe("0x00");
    expect(toHex(VecU16.enc([1, 2, 0xffff]))).toBe("0x0c01000200ffff");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 80 }), (v) => {
        const bytes = VecU16.enc(v);
        expect(toHex(bytes)).toBe(toHex(sb.Vector(sb.u16).enc(v)));
        expect(VecU16.dec(bytes)).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips nested vectors of variable-size items", () => {
    const codec = Vec(Vec(str));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), { maxLength: 4 }),
        (v) => {
          expect(codec.dec(codec.enc(v))).toEqual(v);
          expect(toHex(codec.enc(v))).toBe(toHex(sb.Vector(sb.Vector(sb.str)).enc(v)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("rejects truncation at every length and trailing bytes", () => {
    expectPrefixesRejected(VecU16, VecU16.enc([1, 2, 3, 4]));
    expectPrefixesRejected(Vec(Bytes), Vec(Bytes).enc([fromHex("0102"), fromHex("03")]));
  });

  it("fails fast on a length the input cannot hold, without reading or allocating items", () => {
    let reads = 0;
    const counted = makeCodec<number>(
      u64.desc,
      8,
      (w, v) => u64.write(w, BigInt(v)),
      (r) => {
        reads++;
        return Number(u64.read(r));
      },
      "counted",
    );
    const codec = Vec(counted);
    // 2^30 - 1 items of 8 bytes declared, 16 bytes present.
    expect(kindOf(() => codec.dec(concatBytes(fromHex("0xfeffffff"), new Uint8Array(16))))).toBe("too-large");
    // Two items declared, 15 bytes present: refused before the first item is read.
    expect(kindOf(() => codec.dec(concatBytes(fromHex("0x08"), new Uint8Array(15))))).toBe("too-large");
    expect(reads).toBe(0);
    expect(kindOf(() => Vec(Vec(u8)).dec(fromHex("0x04feffffff")))).toBe("too-large");
  });

  it("bounds a sequence of zero-size items by the remaining input (a guard, not SCALE)", () => {
    // Substrate would accept any count of `()`; Canary counts each as one byte so a crafted
    // count cannot make a decoder loop 2^32 times.
    expect(kindOf(() => Vec(unit).dec(fromHex("0x0c")))).toBe("too-large");
    expect(Vec(unit).enc([undefined, undefined])).toEqual(fromHex("0x08"));
  });
});

describe("FixedArray", () => {
  const Arr = FixedArray(u16, 3);

  it("has no length prefix and checks the count on encode", () => {
    expect(toHex(Arr.enc([1, 2, 3]))).toBe("0x010002000300");
    expect(toHex(Arr.enc([1, 2, 3]))).toBe(toHex(sb.Vector(sb.u16, 3).enc([1, 2, 3])));
    expect(Arr.dec(fromHex("0x010002000300"))).toEqual([1, 2, 3]);
    expect(() => Arr.enc([1, 2])).toThrow(EncodeError);
    expect(Arr.minSize).toBe(6);
  });

  it("rejects truncation at every length and trailing bytes", () => {
    expectPrefixesRejected(Arr, Arr.enc([7, 8, 9]));
    expectPrefixesRejected(FixedArray(Bytes, 2), FixedArray(Bytes, 2).enc([fromHex("01"), fromHex("0203")]));
  });
});

describe("Tuple and Struct", () => {
  const T = Tuple(u8, compactU32, Bytes, bool);
  const S = Struct({ nonce: u32, free: u128, name: str, flags: Vec(bool) });

  it("encode fields in order, as substrate-bindings", () => {
    const tv: [number, number, Uint8Array, boolean] = [7, 300, fromHex("abcd"), true];
    expect(toHex(T.enc(tv))).toBe(toHex(sb.Tuple(sb.u8, sb.compact, sb.Bytes(), sb.bool).enc(tv)));
    expect(T.dec(T.enc(tv))).toEqual(tv);
    const sv = { nonce: 5, free: 10n ** 18n, name: "alice", flags: [true, false] };
    expect(toHex(S.enc(sv))).toBe(
      toHex(sb.Struct({ nonce: sb.u32, free: sb.u128, name: sb.str, flags: sb.Vector(sb.bool) }).enc(sv)),
    );
    expect(S.dec(S.enc(sv))).toEqual(sv);
    expect(S.minSize).toBe(4 + 16 + 1 + 1);
  });

  it("round-trip arbitrary values", () => {
    fc.assert(
      fc.property(
        fc.record({
          nonce: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          free: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
          name: fc.string({ maxLength: 20 }),
          flags: fc.array(fc.boolean(), { maxLength: 10 }),
        }),
        (v) => {
          expect(S.dec(S.enc(v))).toEqual(v);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reject truncation at every length and trailing bytes", () => {
    expectPrefixesRejected(T, T.enc([1, 2, fromHex("0102"), false]));
    expectPrefixesRejected(S, S.enc({ nonce: 1, free: 2n, name: "ab", flags: [true] }));
  });

  it("report an inner field's error kind", () => {
    const bytes = S.enc({ nonce: 1, free: 2n, name: "", flags: [true] });
    bytes[bytes.length - 1] = 2; // the bool
    expect(kindOf(() => S.dec(bytes))).toBe("non-canonical");
  });
});

describe("copy", () => {
  const Data = Struct({ free: u128, frozen: u64, flag: bool });
  const Info = Struct({ nonce: u32, small: u8, count: compactU32, total: compactU128, data: Data });

  it("gives what decoding the encoding gives, for any value that encodes", () => {
    fc.assert(
      fc.property(
        fc.record({
          nonce: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          small: fc.constantFrom(0, -0, 255),
          count: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          total: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
          data: fc.record({
            free: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
            frozen: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
            // The writer takes any value for a bool (truthy is 1): the copy does the same.
            flag: fc.constantFrom<unknown>(true, false, 1, 0, "", "x", undefined),
          }),
          extra: fc.integer(),
        }),
        (v) => {
          const value = v as unknown as Parameters<typeof Info.enc>[0];
          expect(Info.copy!(value)).toStrictEqual(Info.dec(Info.enc(value)));
        },
      ),
      { numRuns: 200 },
    );
    expect(Object.is(u32.copy!(-0), 0)).toBe(true);
  });

  it("shares nothing a reader could modify", () => {
    const v = { nonce: 1, small: 2, count: 3, total: 4n, data: { free: 5n, frozen: 6n, flag: true } };
    const c = Info.copy!(v);
    c.data.free = 9n;
    c.nonce = 9;
    expect(v).toEqual({
      nonce: 1,
      small: 2,
      count: 3,
      total: 4n,
      data: { free: 5n, frozen: 6n, flag: true },
    });
  });

  it("copyDecoded gives a decoded value's copy, sharing nothing a reader could modify", () => {
    const v = { nonce: 1, small: 2, count: 3, total: 4n, data: { free: 5n, frozen: 6n, flag: true } };
    const decoded = Info.dec(Info.enc(v));
    const c = Info.copyDecoded!(decoded);
    expect(c).toStrictEqual(decoded);
    expect(Info.copyDecoded!(Info.copy!(v))).toStrictEqual(decoded);
    c.data.free = 9n;
    c.nonce = 9;
    expect(decoded).toStrictEqual(Info.dec(Info.enc(v)));
    expect(Data.copyDecoded!(decoded.data)).not.toBe(decoded.data);
  });

  it("is absent where a value holds bytes, arrays or strings", () => {
    expect(Struct({ nonce: u32, name: str }).copy).toBeUndefined();
    expect(Struct({ nonce: u32, flags: Vec(bool) }).copy).toBeUndefined();
    expect(Struct({ who: FixedArray(u8, 2) }).copy).toBeUndefined();
    expect(Vec(u32).copy).toBeUndefined();
    expect(Option(u32).copy).toBeUndefined();
    expect(Struct({ nonce: u32, name: str }).copyDecoded).toBeUndefined();
    // A string that is not valid UTF-16 encodes as U+FFFD: it would not copy as its decoding.
    expect(str.copy).toBeUndefined();
  });
});

describe("Option", () => {
  it("is 0 for None and 1 ++ value for Some, as substrate-bindings", () => {
    const O = Option(u32);
    expect(toHex(O.enc(undefined))).toBe("0x00");
    expect(toHex(O.enc(5))).toBe("0x0105000000");
    expect(O.dec(fromHex("0x00"))).toBeUndefined();
    expect(O.dec(fromHex("0x0105000000"))).toBe(5);
    fc.assert(
      fc.property(fc.option(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), { nil: undefined }), (v) => {
        const bytes = Option(u128).enc(v);
        expect(toHex(bytes)).toBe(toHex(sb.Option(sb.u128).enc(v)));
        expect(Option(u128).dec(bytes)).toBe(v);
      }),
      { numRuns: 100 },
    );
  });

  it("encodes Option<bool> generically, as Rust's Option<bool> and substrate-bindings do", () => {
    const O = Option(bool);
    for (const v of [undefined, true, false]) {
      expect(toHex(O.enc(v))).toBe(toHex(sb.Option(sb.bool).enc(v)));
      expect(O.dec(O.enc(v))).toBe(v);
    }
    expect(toHex(O.enc(false))).toBe("0x0100");
    expect(toHex(O.enc(true))).toBe("0x0101");
  });

  it("rejects tags other than 0 and 1", () => {
    expect(kindOf(() => Option(u8).dec(fromHex("0x0200")))).toBe("unknown-variant");
    expect(kindOf(() => Option(u8).dec(fromHex("0xff00")))).toBe("unknown-variant");
    // Option<bool> has no one-byte form: tags 2 and 3 are unknown, a bad inner byte is the bool's error.
    expect(kindOf(() => Option(bool).dec(fromHex("0x02")))).toBe("unknown-variant");
    expect(kindOf(() => Option(bool).dec(fromHex("0x03")))).toBe("unknown-variant");
    expect(kindOf(() => Option(bool).dec(fromHex("0x0102")))).toBe("non-canonical");
  });

  it("refuses inner types whose value can be undefined (Some would collide with None)", () => {
    expect(() => Option(Option(u8))).toThrow();
    expect(() => Option(unit)).toThrow();
    expect(() => Option(Tuple())).toThrow();
    expect(() => Option(Tuple(u8))).not.toThrow();
  });

  it("rejects truncation and trailing bytes", () => {
    expectPrefixesRejected(Option(u64), Option(u64).enc(9n));
    expect(kindOf(() => Option(u8).dec(fromHex("0x0000")))).toBe("trailing-bytes");
  });
});

describe("Result", () => {
  const R = Result(u32, str);

  it("is 0 ++ ok or 1 ++ err, as substrate-bindings", () => {
    expect(toHex(R.enc({ ok: true, value: 1 }))).toBe("0x0001000000");
    expect(toHex(R.enc({ ok: false, error: "no" }))).toBe("0x01086e6f");
    const ref = sb.Result(sb.u32, sb.str);
    expect(toHex(ref.enc({ success: true, value: 1 }))).toBe("0x0001000000");
    expect(toHex(ref.enc({ success: false, value: "no" }))).toBe("0x01086e6f");
    expect(R.dec(fromHex("0x01086e6f"))).toEqual({ ok: false, error: "no" });
  });

  it("rejects other tags, truncation and trailing bytes", () => {
    expect(kindOf(() => R.dec(fromHex("0x0200000000")))).toBe("unknown-variant");
    expectPrefixesRejected(R, R.enc({ ok: true, value: 7 }));
    expectPrefixesRejected(R, R.enc({ ok: false, error: "xy" }));
  });
});

describe("Enum", () => {
  const variants = {
    Unit: [0],
    Byte: [1, u8],
    Named: [5, Struct({ a: u16, b: Bytes })],
    Big: [255, compactU128],
  } as const;
  const E = Enum(variants, "TestEnum");
  type E = EnumValue<typeof variants>;

  it("writes the explicit index then the payload, as substrate-bindings ScaleEnum", () => {
    const ref = sb.ScaleEnum(
      { Unit: sb._void, Byte: sb.u8, Named: sb.Struct({ a: sb.u16, b: sb.Bytes() }), Big: sb.compact },
      [0, 1, 5, 255],
    );
    const values: E[] = [
      { tag: "Unit" },
      { tag: "Byte", value: 9 },
      { tag: "Named", value: { a: 258, b: fromHex("ff") } },
      { tag: "Big", value: 2n ** 100n },
    ];
    for (const v of values) {
      const refValue = { tag: v.tag, value: "value" in v ? v.value : undefined };
      expect(toHex(E.enc(v))).toBe(toHex(ref.enc(refValue as never)));
      expect(E.dec(E.enc(v))).toEqual(v);
    }
    expect(toHex(E.enc({ tag: "Named", value: { a: 258, b: fromHex("ff") } }))).toBe("0x05020104ff");
  });

  it("rejects an unknown index, truncation and trailing bytes", () => {
    for (const index of [2, 3, 4, 6, 254])
      expect(kindOf(() => E.dec(Uint8Array.of(index, 0)))).toBe("unknown-variant");
    expectPrefixesRejected(E, E.enc({ tag: "Named", value: { a: 1, b: fromHex("0102") } }));
    expect(kindOf(() => E.dec(fromHex("0x0000")))).toBe("trailing-bytes");
  });

  it("refuses to encode an unknown tag, including inherited property names", () => {
    expect(() => E.enc({ tag: "Nope" } as unknown as E)).toThrow(EncodeError);
    expect(() => E.enc({ tag: "toString" } as unknown as E)).toThrow(EncodeError);
    expect(() => E.enc({ tag: "__proto__" } as unknown as E)).toThrow(EncodeError);
  });

  it("refuses duplicate or out-of-range indices at definition", () => {
    expect(() => Enum({ A: [1], B: [1] })).toThrow();
    expect(() => Enum({ A: [256] })).toThrow();
    expect(() => Enum({ A: [-1] })).toThrow();
  });
});

describe("lazy (recursive types)", () => {
  // A call that may hold calls: Leaf(u8) | Batch(Vec<Call>) | Wrap(Call).
  type Call = { tag: "Leaf"; value: number } | { tag: "Batch"; value: Call[] } | { tag: "Wrap"; value: Call };
  const Call: Codec<Call> = Enum(
    {
      Leaf: [0, u8],
      Batch: [1, Vec(lazy(() => Call, "Call"))],
      Wrap: [2, lazy(() => Call, "Call")],
    },
    "Call",
  ) as Codec<Call>;

  const wrapped = (depth: number): Uint8Array =>
    concatBytes(new Uint8Array(depth).fill(2), fromHex("0x0007"));

  it("round-trips recursive values", () => {
    const arbCall: fc.Arbitrary<Call> = fc.letrec<{ call: Call }>((tie) => ({
      call: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.record({ tag: fc.constant("Leaf" as const), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ tag: fc.constant("Batch" as const), value: fc.array(tie("call"), { maxLength: 3 }) }),
        fc.record({ tag: fc.constant("Wrap" as const), value: tie("call") }),
      ),
    })).call;
    fc.assert(
      fc.property(arbCall, (v) => {
        expect(Call.dec(Call.enc(v))).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });

  it(`decodes nesting up to ${MAX_DECODE_DEPTH} and rejects deeper with too-large`, () => {
    expect(kindOf(() => Call.dec(wrapped(MAX_DECODE_DEPTH)))).toBe("ok");
    expect(kindOf(() => Call.dec(wrapped(MAX_DECODE_DEPTH + 1)))).toBe("too-large");
    expect(kindOf(() => Call.dec(wrapped(100_000)))).toBe("too-large");
    // Through vectors too: Batch([Batch([... ])]).
    const batches = concatBytes(
      new Uint8Array(2 * (MAX_DECODE_DEPTH + 1)).map((_, i) => (i % 2 ? 4 : 1)),
      fromHex("0x0000"),
    );
    expect(kindOf(() => Call.dec(batches))).toBe("too-large");
  });

  it("restores the depth count after an error", () => {
    expect(kindOf(() => Call.dec(wrapped(MAX_DECODE_DEPTH + 1)))).toBe("too-large");
    expect(kindOf(() => Call.dec(wrapped(MAX_DECODE_DEPTH)))).toBe("ok");
    expect(kindOf(() => Call.dec(concatBytes(new Uint8Array(10).fill(2), fromHex("0x09"))))).toBe(
      "unknown-variant",
    );
    expect(kindOf(() => Call.dec(wrapped(MAX_DECODE_DEPTH)))).toBe("ok");
  });

  it("shares one limit across mutually recursive lazies and nested readers", () => {
    // A ↔ B mutual recursion: two lazy codecs, one combined depth.
    type A = { tag: "End" } | { tag: "B"; value: A };
    const A: Codec<A> = Enum({ End: [0], B: [1, lazy(() => B, "B")] }) as Codec<A>;
    const B: Codec<A> = lazy(() => A, "A");
    const chain = (n: number) => concatBytes(new Uint8Array(n).fill(1), fromHex("0x00"));
    expect(kindOf(() => A.dec(chain(MAX_DECODE_DEPTH / 2)))).toBe("ok");
    expect(kindOf(() => A.dec(chain(MAX_DECODE_DEPTH / 2 + 1)))).toBe("too-large");

    // An opaque, length-prefixed inner call decoded with its own Reader (as an extrinsic's call
    // bytes might be) still counts against the same limit.
    type Opaque = { tag: "End" } | { tag: "Inner"; value: Opaque };
    const Opaque: Codec<Opaque> = Enum({
      End: [0],
      Inner: [
        1,
        mapCodec(
          Bytes,
          (b) => lazy(() => Opaque, "Opaque").dec(b),
          (v) => Opaque.enc(v),
        ),
      ],
    }) as Codec<Opaque>;
    let v: Opaque = { tag: "End" };
    for (let i = 0; i < MAX_DECODE_DEPTH + 1; i++) v = { tag: "Inner", value: v };
    expect(kindOf(() => Opaque.dec(Opaque.enc(v)))).toBe("too-large");
  });

  it("exposes its target's description lazily", () => {
    const l = lazy(() => u32);
    expect(l.desc.kind).toBe("lazy");
    if (l.desc.kind === "lazy") expect(l.desc.get()).toEqual(u32.desc);
    expect(l.minSize).toBe(0);
  });
});

describe("mapCodec", () => {
  it("converts on both sides and keeps the wire format", () => {
    const Hex = mapCodec(Bytes, toHex, fromHex, "hex bytes");
    expect(toHex(Hex.enc("0x0102"))).toBe("0x080102");
    expect(Hex.dec(fromHex("0x080102"))).toBe("0x0102");
    expect(Hex.desc).toEqual(Bytes.desc);
    expect(kindOf(() => Hex.dec(fromHex("0x0801")))).toBe("too-large");
  });
});
