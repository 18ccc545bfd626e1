/** Combinators: sequences, arrays, tuples, structs, Option, Result, enums, and recursion. */
import { DecodeError, EncodeError } from "../errors.ts";
import { type Codec, type CodecType, copyAsIs, type FieldDesc, makeCodec, type TypeDesc } from "./codec.ts";
import { readLength, writeCompact } from "./compact.ts";

/** `()`: encodes to nothing. */
export const unit: Codec<undefined> = makeCodec<undefined>(
  { kind: "tuple", items: [] },
  0,
  () => {},
  () => undefined,
  "()",
);

export function Vec<T>(inner: Codec<T>, what = "Vec"): Codec<T[]> {
  return makeCodec<T[]>(
    { kind: "sequence", inner: inner.desc },
    1,
    (w, v) => {
      writeCompact(w, v.length);
      for (const item of v) inner.write(w, item);
    },
    (r) => {
      const len = readLength(r, inner.minSize, what);
      const out: T[] = [];
      for (let i = 0; i < len; i++) out.push(inner.read(r));
      return out;
    },
    what,
  );
}

export function FixedArray<T>(inner: Codec<T>, len: number): Codec<T[]> {
  const what = `[_; ${len}]`;
  return makeCodec<T[]>(
    { kind: "array", len, inner: inner.desc },
    inner.minSize * len,
    (w, v) => {
      if (v.length !== len) throw new EncodeError(what, `expected ${len} items, got ${v.length}`);
      for (const item of v) inner.write(w, item);
    },
    (r) => {
      r.need(inner.minSize * len, what);
      const out: T[] = [];
      for (let i = 0; i < len; i++) out.push(inner.read(r));
      return out;
    },
    what,
  );
}

type TupleValue<C extends readonly Codec<unknown>[]> = { -readonly [K in keyof C]: CodecType<C[K]> };

export function Tuple<const C extends readonly Codec<unknown>[]>(...items: C): Codec<TupleValue<C>> {
  return makeCodec<TupleValue<C>>(
    { kind: "tuple", items: items.map((c) => c.desc) },
    items.reduce((n, c) => n + c.minSize, 0),
    (w, v) => {
      items.forEach((c, i) => {
        c.write(w, (v as unknown[])[i]);
      });
    },
    (r) => items.map((c) => c.read(r)) as TupleValue<C>,
    "tuple",
  );
}

// biome-ignore lint/suspicious/noExplicitAny: a codec is invariant in T; `any` lets shapes mix field types.
type StructShape = Record<string, Codec<any>>;
export type StructValue<S extends StructShape> = { [K in keyof S]: CodecType<S[K]> };

/** A struct with named fields, encoded in declaration order. */
export function Struct<S extends StructShape>(shape: S, what = "struct"): Codec<StructValue<S>> {
  const entries = Object.entries(shape);
  const fields: FieldDesc[] = entries.map(([name, c]) => ({ name, type: c.desc }));
  // Parallel arrays and indexed loops: this runs for every stored value a block reads or writes.
  const names = entries.map(([name]) => name);
  const codecs = entries.map(([, c]) => c);
  const count = names.length;
  // Decoded values start as a copy of this, so they have every field from the start: one object
  // shape per struct instead of a shape transition per field added.
  const template: Record<string, unknown> = {};
  for (const name of names) template[name] = undefined;
  return makeCodec<StructValue<S>>(
    { kind: "composite", fields },
    entries.reduce((n, [, c]) => n + c.minSize, 0),
    (w, v) => {
      for (let i = 0; i < count; i++) codecs[i]!.write(w, (v as Record<string, unknown>)[names[i]!]);
    },
    (r) => {
      const out: Record<string, unknown> = { ...template };
      for (let i = 0; i < count; i++) out[names[i]!] = codecs[i]!.read(r);
      return out as StructValue<S>;
    },
    what,
    structCopy(names, codecs, template),
    structCopyDecoded(names, codecs),
  );
}

/** A struct's `copy`, when every field has one: the declared fields only, as decoding gives them. */
function structCopy<T>(
  names: string[],
  codecs: Codec<unknown>[],
  template: Record<string, unknown>,
): ((v: T) => T) | undefined {
  const copies = codecs.map((c) => c.copy);
  if (!copies.every((c) => c !== undefined)) return undefined;
  const count = names.length;
  return (v) => {
    const out: Record<string, unknown> = { ...template };
    for (let i = 0; i < count; i++) out[names[i]!] = copies[i]!((v as Record<string, unknown>)[names[i]!]);
    return out as T;
  };
}

/** A struct's `copyDecoded`: the value cloned whole, then the fields that are not immutable copied. */
function structCopyDecoded<T>(names: string[], codecs: Codec<unknown>[]): ((v: T) => T) | undefined {
  if (!codecs.every((c) => c.copyDecoded !== undefined)) return undefined;
  const deep = names.flatMap((_, i) => (codecs[i]!.copyDecoded === copyAsIs ? [] : [i]));
  const deepNames = deep.map((i) => names[i]!);
  const deepCopies = deep.map((i) => codecs[i]!.copyDecoded!);
  const count = deep.length;
  if (count === 0) return (v) => ({ ...v });
  return (v) => {
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (let i = 0; i < count; i++) out[deepNames[i]!] = deepCopies[i]!(out[deepNames[i]!]);
    return out as T;
  };
}

/**
 * `Option<T>`: `undefined` is None. Encoded generically (0 None, 1 Some ++ value) for every T,
 * `bool` included: Rust's `Option<bool>` does so too; the one-byte form belongs only to Rust's
 * separate `OptionBool` shim type, and metadata-driven clients decode `Option<bool>` generically.
 */
export function Option<T>(inner: Codec<T>): Codec<T | undefined> {
  const what = "Option";
  // `undefined` stands for None, so an inner type with an `undefined` value (another Option, or
  // `()`) would make Some(that) and None one value with two encodings. Refuse such types.
  const d = inner.desc;
  if ((d.kind === "variant" && d.path?.[0] === "Option") || (d.kind === "tuple" && d.items.length === 0))
    throw new Error("Option: the inner type has an undefined value, so Some and None would collide");
  return makeCodec<T | undefined>(
    {
      kind: "variant",
      path: ["Option"],
      params: [{ name: "T", type: inner.desc }],
      variants: [
        { name: "None", index: 0, fields: [] },
        { name: "Some", index: 1, fields: [{ type: inner.desc }] },
      ],
    },
    1,
    (w, v) => {
      if (v === undefined) return w.byte(0);
      w.byte(1);
      inner.write(w, v);
    },
    (r) => {
      const tag = r.byte(what);
      if (tag === 0) return undefined;
      if (tag !== 1)
        throw new DecodeError("unknown-variant", what, `tag ${tag} is neither None (0) nor Some (1)`);
      return inner.read(r);
    },
    what,
  );
}

/** `Option<()>` (a runtime API's "was it done"): `true` is `Some(())`, `false` is None. */
export const OptionUnit: Codec<boolean> = makeCodec<boolean>(
  {
    kind: "variant",
    path: ["Option"],
    params: [{ name: "T", type: { kind: "tuple", items: [] } }],
    variants: [
      { name: "None", index: 0, fields: [] },
      { name: "Some", index: 1, fields: [{ type: { kind: "tuple", items: [] } }] },
    ],
  },
  1,
  (w, v) => w.byte(v ? 1 : 0),
  (r) => {
    const tag = r.byte("Option<()>");
    if (tag > 1)
      throw new DecodeError("unknown-variant", "Option<()>", `tag ${tag} is neither None (0) nor Some (1)`);
    return tag === 1;
  },
  "Option<()>",
);

export type ResultValue<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function Result<T, E>(ok: Codec<T>, err: Codec<E>): Codec<ResultValue<T, E>> {
  const what = "Result";
  return makeCodec<ResultValue<T, E>>(
    {
      kind: "variant",
      path: ["Result"],
      params: [
        { name: "T", type: ok.desc },
        { name: "E", type: err.desc },
      ],
      variants: [
        { name: "Ok", index: 0, fields: [{ type: ok.desc }] },
        { name: "Err", index: 1, fields: [{ type: err.desc }] },
      ],
    },
    1,
    (w, v) => {
      w.byte(v.ok ? 0 : 1);
      if (v.ok) ok.write(w, v.value);
      else err.write(w, v.error);
    },
    (r) => {
      const tag = r.byte(what);
      if (tag === 0) return { ok: true, value: ok.read(r) };
      if (tag === 1) return { ok: false, error: err.read(r) };
      throw new DecodeError("unknown-variant", what, `tag ${tag} is neither Ok (0) nor Err (1)`);
    },
    what,
  );
}

/** Enum variants: name → [index, payload codec] (no codec for a unit variant). */
// biome-ignore lint/suspicious/noExplicitAny: as StructShape.
type VariantShape = Record<string, readonly [number] | readonly [number, Codec<any>]>;
export type EnumValue<V extends VariantShape> = {
  [K in keyof V & string]: V[K] extends readonly [number, Codec<infer T>] ? { tag: K; value: T } : { tag: K };
}[keyof V & string];

/** A Rust-style enum with explicit indices, as Substrate's `#[codec(index = n)]`. */
export function Enum<const V extends VariantShape>(variants: V, what = "enum"): Codec<EnumValue<V>> {
  const byIndex = new Map<number, [string, Codec<unknown> | undefined]>();
  for (const [name, [index, codec]] of Object.entries(variants)) {
    if (!Number.isInteger(index) || index < 0 || index > 255)
      throw new Error(`${what}: variant index ${index} is not a byte`);
    if (byIndex.has(index)) throw new Error(`${what}: duplicate variant index ${index}`);
    byIndex.set(index, [name, codec]);
  }
  return makeCodec<EnumValue<V>>(
    {
      kind: "variant",
      variants: Object.entries(variants).map(([name, [index, codec]]) => ({
        name,
        index,
        fields: codec ? [{ type: codec.desc }] : [],
      })),
    },
    1,
    (w, v) => {
      // Own keys only: a tag such as "toString" must not resolve through the prototype.
      const variant = Object.hasOwn(variants, v.tag) ? variants[v.tag] : undefined;
      if (!variant) throw new EncodeError(what, `unknown variant ${String(v.tag)}`);
      w.byte(variant[0]);
      variant[1]?.write(w, (v as { value?: unknown }).value);
    },
    (r) => {
      const index = r.byte(what);
      const found = byIndex.get(index);
      if (!found) throw new DecodeError("unknown-variant", what, `no variant with index ${index}`);
      const [tag, codec] = found;
      return (codec ? { tag, value: codec.read(r) } : { tag }) as EnumValue<V>;
    },
    what,
  );
}

/** The deepest nesting a recursive type may decode to (Substrate's call-decoding limit). */
export const MAX_DECODE_DEPTH = 256;

/** Lazy levels entered by the decode in progress; decoding is synchronous, so one counter suffices. */
let lazyDepth = 0;

/**
 * A codec defined later or recursively (a call that holds calls). Decoding through it counts
 * depth, so crafted input cannot recurse past MAX_DECODE_DEPTH whatever the engine's stack.
 * The count is shared by all lazy codecs and all readers, so mutual recursion and decoders that
 * open a nested Reader (e.g. for a length-prefixed call) are bounded by the same limit.
 */
export function lazy<T>(get: () => Codec<T>, what = "lazy"): Codec<T> {
  const key = {};
  let cached: Codec<T> | undefined;
  const resolve = () => {
    cached ??= get();
    return cached;
  };
  return makeCodec<T>(
    { kind: "lazy", get: () => resolve().desc, key },
    // The target is unknown until resolved; 0 is the only safe lower bound.
    0,
    (w, v) => resolve().write(w, v),
    (r) => {
      if (lazyDepth >= MAX_DECODE_DEPTH)
        throw new DecodeError("too-large", what, `nested deeper than ${MAX_DECODE_DEPTH}`);
      lazyDepth++;
      try {
        return resolve().read(r);
      } finally {
        lazyDepth--;
      }
    },
    what,
  );
}

/** Maps a codec's value to another representation (e.g. bytes to a branded type). */
export function mapCodec<A, B>(
  inner: Codec<A>,
  to: (a: A) => B,
  from: (b: B) => A,
  what = "mapped",
  desc: TypeDesc = inner.desc,
): Codec<B> {
  return makeCodec<B>(
    desc,
    inner.minSize,
    (w, v) => inner.write(w, from(v)),
    (r) => to(inner.read(r)),
    what,
  );
}
