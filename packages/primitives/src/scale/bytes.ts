/** Byte strings: length-prefixed `Vec<u8>`, fixed `[u8; N]`, and UTF-8 `str`. */
import { DecodeError, EncodeError } from "../errors.ts";
import { decodeUtf8, encodeUtf8 } from "../utf8.ts";
import { type Codec, makeCodec } from "./codec.ts";
import { readLength, writeCompact } from "./compact.ts";
import { u8 } from "./ints.ts";

/** `Vec<u8>`: a compact length then the bytes. Decoding returns a copy, never a view of the input. */
export const Bytes: Codec<Uint8Array> = makeCodec<Uint8Array>(
  { kind: "sequence", inner: u8.desc },
  1,
  (w, v) => {
    writeCompact(w, v.length);
    w.bytes(v);
  },
  (r) => r.take(readLength(r, 1, "Vec<u8>"), "Vec<u8>").slice(),
  "Vec<u8>",
);

/** `[u8; N]`, e.g. a 32-byte hash or public key. */
export function FixedBytes(len: number, what = `[u8; ${len}]`): Codec<Uint8Array> {
  return makeCodec<Uint8Array>(
    { kind: "array", len, inner: u8.desc },
    len,
    (w, v) => {
      if (!(v instanceof Uint8Array) || v.length !== len) {
        throw new EncodeError(
          what,
          `expected ${len} bytes, got ${v instanceof Uint8Array ? v.length : typeof v}`,
        );
      }
      w.bytes(v);
    },
    (r) => r.take(len, what).slice(),
    what,
  );
}

export const H256 = FixedBytes(32, "H256");

export const str: Codec<string> = makeCodec<string>(
  { kind: "primitive", name: "str" },
  1,
  (w, v) => {
    const bytes = encodeUtf8(v);
    writeCompact(w, bytes.length);
    w.bytes(bytes);
  },
  (r) => {
    const bytes = r.take(readLength(r, 1, "str"), "str");
    const text = decodeUtf8(bytes);
    if (text === undefined) throw new DecodeError("invalid-value", "str", "not valid UTF-8");
    return text;
  },
  "str",
);
