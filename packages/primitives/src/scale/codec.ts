/**
 * The codec shape every SCALE type in Canary shares. A codec also carries a description of its
 * type, so that the framework can derive metadata from the very codec that encodes the value.
 */
import { DecodeError } from "../errors.ts";
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

export type PrimitiveName =
  | "bool"
  | "char"
  | "str"
  | "u8"
  | "u16"
  | "u32"
  | "u64"
  | "u128"
  | "u256"
  | "i8"
  | "i16"
  | "i32"
  | "i64"
  | "i128"
  | "i256";

export interface FieldDesc {
  name?: string;
  type: TypeDesc;
  typeName?: string;
  docs?: string[];
}

export interface VariantDesc {
  name: string;
  index: number;
  fields: FieldDesc[];
  docs?: string[];
}

/** Substrate type path and generic parameters, carried into metadata unchanged. */
export interface TypeIdentity {
  path?: string[];
  params?: Array<{ name: string; type?: TypeDesc }>;
  docs?: string[];
}

export type TypeDesc = TypeIdentity &
  (
    | { kind: "primitive"; name: PrimitiveName }
    | { kind: "compact"; inner: TypeDesc }
    | { kind: "sequence"; inner: TypeDesc }
    | { kind: "array"; len: number; inner: TypeDesc }
    | { kind: "tuple"; items: TypeDesc[] }
    | { kind: "composite"; fields: FieldDesc[] }
    | { kind: "variant"; variants: VariantDesc[] }
    | { kind: "lazy"; get: () => TypeDesc; key: object }
  );

export interface Codec<T> {
  readonly desc: TypeDesc;
  /** Fewest bytes any value of this type encodes to; bounds sequence lengths on decode. */
  readonly minSize: number;
  write(w: Writer, value: T): void;
  read(r: Reader): T;
  /** Encodes one value to fresh bytes. */
  enc(value: T): Uint8Array;
  /** Decodes exactly one value: truncated input and trailing bytes are errors. */
  dec(bytes: Uint8Array): T;
  /**
   * A copy of a value that shares nothing mutable with it and equals what decoding the value's
   * encoding gives (for any value that encodes). Present where values are numbers, bigints,
   * booleans and structs of them, so that a reader can be handed a copy instead of decoding again.
   */
  copy?(value: T): T;
  /**
   * `copy` of a value that decoding gave, or that `copy` or `copyDecoded` made: such a value holds
   * the declared fields only, in canonical form, so a struct's copy can clone it whole (several
   * times faster; a runtime's storage hands out such copies of an account a dozen times a transfer).
   */
  copyDecoded?(value: T): T;
}

export type CodecType<C> = C extends Codec<infer T> ? T : never;

/** `Codec.copy` of an integer held as a number: itself, except -0 (which encodes, and so decodes, as 0). */
export const copyNumber = (v: number): number => v + 0;
/** `Codec.copy` of an immutable value that decodes as itself (a bigint). */
export const copyAsIs = <T>(v: T): T => v;

const SHARED_INITIAL = 256;
const SHARED_MAX = 64 * 1024;
let shared = new Writer(SHARED_INITIAL);
let sharedBusy = false;

/** Builds a codec from its reader and writer; `what` names the type in error messages. */
export function makeCodec<T>(
  desc: TypeDesc,
  minSize: number,
  write: (w: Writer, value: T) => void,
  read: (r: Reader) => T,
  what: string,
  copy?: (value: T) => T,
  copyDecoded?: (value: T) => T,
): Codec<T> {
  const codec: Codec<T> = {
    desc,
    minSize,
    write,
    read,
    ...(copy ? { copy, copyDecoded: copyDecoded ?? copy } : {}),
    enc(value: T): Uint8Array {
      // One writer serves every top-level encoding; an encoder that encodes inside its own
      // write (re-entry) gets a fresh one.
      if (sharedBusy) {
        const w = new Writer(Math.max(16, minSize));
        write(w, value);
        return w.finish();
      }
      sharedBusy = true;
      shared.reset();
      try {
        write(shared, value);
        return shared.finish();
      } finally {
        sharedBusy = false;
        // A rare large value (a runtime's code) must not stay allocated.
        if (shared.capacity > SHARED_MAX) shared = new Writer(SHARED_INITIAL);
      }
    },
    dec: (bytes: Uint8Array): T => decodeExact(codec, bytes, what),
  };
  return codec;
}

/**
 * Decodes one value that must span all of `bytes`. Any failure other than a DecodeError is a bug
 * in a decoder; it is still reported as a DecodeError so callers handle one error type.
 */
export function decodeExact<T>(codec: Codec<T>, bytes: Uint8Array, what: string): T {
  const r = new Reader(bytes);
  let value: T;
  try {
    value = codec.read(r);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError("invalid-value", what, "decoder failed", { cause: e });
  }
  r.end(what);
  return value;
}

/** Gives a codec a Substrate type path (e.g. `sp_core::crypto::AccountId32`) for metadata. */
export function withIdentity<T>(codec: Codec<T>, identity: TypeIdentity): Codec<T> {
  return { ...codec, desc: { ...codec.desc, ...identity } as TypeDesc };
}
