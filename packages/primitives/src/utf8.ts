/**
 * UTF-8 without TextEncoder/TextDecoder: those are web APIs, absent from the runtime's isolated
 * context. Decoding is strict (no overlong forms, surrogates or code points past U+10FFFF).
 */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate, as TextEncoder does
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** ASCII bytes turned into a string at once: at most this many (apply's argument bound). */
const ASCII_RUN = 8192;

/**
 * Returns the decoded string, or undefined if the bytes are not valid UTF-8. Runs of ASCII are
 * converted a slice at a time and the parts joined once: adding one character at a time made a
 * 10 MB genesis config a rope of ten million strings (over 300 MiB) before it could be parsed.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  const parts: string[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    let end = i;
    const limit = Math.min(n, i + ASCII_RUN);
    while (end < limit && bytes[end]! < 0x80) end++;
    if (end > i) {
      parts.push(String.fromCharCode.apply(null, bytes.subarray(i, end) as unknown as number[]));
      i = end;
      continue;
    }
    const b = bytes[i]!;
    let cp: number;
    let extra: number;
    let min: number;
    if ((b & 0xe0) === 0xc0) [cp, extra, min] = [b & 0x1f, 1, 0x80];
    else if ((b & 0xf0) === 0xe0) [cp, extra, min] = [b & 0x0f, 2, 0x800];
    else if ((b & 0xf8) === 0xf0) [cp, extra, min] = [b & 0x07, 3, 0x10000];
    else return undefined;
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    parts.push(String.fromCodePoint(cp));
    i += extra + 1;
  }
  return parts.join("");
}
