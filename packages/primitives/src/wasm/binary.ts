/**
 * Just enough of the WebAssembly binary format (core spec §5) to write a small module and to read
 * a module's custom sections: LEB128 integers, sections, and the custom-section scan hosts use to
 * find `runtime_version` and `runtime_apis` without instantiating anything.
 */
import { concatBytes } from "../hex.ts";
import { decodeUtf8, encodeUtf8 } from "../utf8.ts";

export const WASM_MAGIC = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  memory: 5,
  global: 6,
  export: 7,
  code: 10,
  data: 11,
} as const;

export function uleb(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  if (v < 0n) throw new RangeError("uleb128 of a negative number");
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

export function sleb(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return Uint8Array.from(out);
  }
}

/** A length-prefixed byte string (names, custom section payloads, function bodies). */
export const sized = (bytes: Uint8Array): Uint8Array => concatBytes(uleb(bytes.length), bytes);

export const name = (text: string): Uint8Array => sized(encodeUtf8(text));

/** A vector: its count, then its items. */
export const vector = (items: readonly Uint8Array[]): Uint8Array => concatBytes(uleb(items.length), ...items);

export const section = (id: number, payload: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(id), sized(payload));

export const customSection = (sectionName: string, payload: Uint8Array): Uint8Array =>
  section(SECTION.custom, concatBytes(name(sectionName), payload));

function readUleb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  throw new RangeError(`malformed LEB128 integer at byte ${at}`);
}

export function isWasm(code: Uint8Array): boolean {
  return code.length >= 8 && WASM_MAGIC.every((b, i) => code[i] === b);
}

/**
 * The payloads of a module's custom sections by name (the first of each name), read from the
 * section headers alone. Throws a RangeError naming the offset where the module is malformed.
 */
export function customSections(code: Uint8Array): Map<string, Uint8Array> {
  if (!isWasm(code)) throw new RangeError("not a WebAssembly module (no \\0asm version 1 header)");
  const found = new Map<string, Uint8Array>();
  let at = WASM_MAGIC.length;
  while (at < code.length) {
    const id = code[at]!;
    const [size, start] = readUleb(code, at + 1);
    const end = start + size;
    if (end > code.length)
      throw new RangeError(`section ${id} at byte ${at} runs past the end of the module`);
    if (id === SECTION.custom) {
      const [nameLength, nameStart] = readUleb(code, start);
      if (nameStart + nameLength > end)
        throw new RangeError(`custom section at byte ${at} has a name past its end`);
      const sectionName = decodeUtf8(code.subarray(nameStart, nameStart + nameLength));
      if (sectionName === undefined)
        throw new RangeError(`custom section at byte ${at} has a name that is not UTF-8`);
      if (!found.has(sectionName)) found.set(sectionName, code.subarray(nameStart + nameLength, end));
    }
    at = end;
  }
  return found;
}
