/**
 * Metadata descriptions in Rust's shape for consensus types: structs whose TypeScript keys are
 * camelCase but whose Rust fields are snake_case, newtypes over byte arrays, and enums whose
 * variants carry named fields. Encoding is unchanged; only the `desc` differs.
 */
import type { Codec, FieldDesc, TypeDesc, VariantDesc } from "../scale/codec.ts";
import { mapCodec, Struct, type StructValue } from "../scale/composite.ts";

// biome-ignore lint/suspicious/noExplicitAny: a codec is invariant in T; `any` lets shapes mix field types.
type Shape = Record<string, Codec<any>>;

/** Rust field name and type name for each TypeScript key, in encoding order. */
export type FieldNames<S extends Shape> = { [K in keyof S]: readonly [rustName: string, typeName: string] };

/** Field descriptions for a shape, with Rust names. */
export function rustFields<S extends Shape>(shape: S, names: FieldNames<S>): FieldDesc[] {
  return Object.entries(shape).map(([key, codec]) => {
    const [name, typeName] = names[key as keyof S];
    return { name, type: codec.desc, typeName };
  });
}

/** A struct encoded in the order of `shape`, described with its Rust path and field names. */
export function rustStruct<S extends Shape>(
  shape: S,
  names: FieldNames<S>,
  path: string[],
  what: string,
  params?: TypeDesc["params"],
): Codec<StructValue<S>> {
  return mapCodec(
    Struct(shape, what),
    (v) => v,
    (v) => v,
    what,
    {
      kind: "composite",
      path,
      ...(params ? { params } : {}),
      fields: rustFields(shape, names),
    },
  );
}

/** A Rust newtype `struct Path(Inner)`: same bytes as `inner`, one unnamed field. */
export function newtype<T>(inner: Codec<T>, path: string[], typeName: string, what: string): Codec<T> {
  return mapCodec(
    inner,
    (v) => v,
    (v) => v,
    what,
    {
      kind: "composite",
      path,
      fields: [{ type: inner.desc, typeName }],
    },
  );
}

/** Replaces an enum codec's description (variants with named fields, a path). */
export function describedEnum<T>(
  codec: Codec<T>,
  path: string[],
  variants: VariantDesc[],
  what: string,
): Codec<T> {
  return mapCodec(
    codec,
    (v) => v,
    (v) => v,
    what,
    { kind: "variant", path, variants },
  );
}
