/**
 * A batch of signature checks packed into one ArrayBuffer, so it crosses to a worker as a single
 * transfer rather than thousands of structured-clone objects.
 * Layout: u32 count, count × (u32 scheme, u32 signature length, u32 message length, u32 key length),
 * then every signature ‖ message ‖ key back to back.
 */
import { isBytes, type Scheme } from "./keypair.ts";
import type { SignatureCheck } from "./verify.ts";

const SCHEME_CODE: Record<Scheme, number> = { sr25519: 0, ed25519: 1, ecdsa: 2 };
const CODE_SCHEME: readonly Scheme[] = ["sr25519", "ed25519", "ecdsa"];
/** Marks an entry that is not well-formed (unknown scheme, a field that is not bytes): verdict false. */
const INVALID = 0xff;
const EMPTY = new Uint8Array(0);
const WORDS_PER_ENTRY = 4;

function wellFormed(check: SignatureCheck): boolean {
  return (
    check !== null &&
    typeof check === "object" &&
    Object.hasOwn(SCHEME_CODE, check.scheme) &&
    isBytes(check.signature) &&
    isBytes(check.message) &&
    isBytes(check.publicKey)
  );
}

/** Packs checks[start, end). */
export function packChecks(checks: readonly SignatureCheck[], start = 0, end = checks.length): ArrayBuffer {
  const count = end - start;
  const headerBytes = 4 * (1 + WORDS_PER_ENTRY * count);
  let dataBytes = 0;
  for (let i = start; i < end; i++) {
    const c = checks[i]!;
    if (wellFormed(c)) dataBytes += c.signature.length + c.message.length + c.publicKey.length;
  }
  const buffer = new ArrayBuffer(headerBytes + dataBytes);
  const header = new Uint32Array(buffer, 0, 1 + WORDS_PER_ENTRY * count);
  const data = new Uint8Array(buffer);
  header[0] = count;
  let offset = headerBytes;
  for (let i = 0; i < count; i++) {
    const c = checks[start + i]!;
    const h = 1 + WORDS_PER_ENTRY * i;
    if (!wellFormed(c)) {
      header[h] = INVALID;
      continue;
    }
    header[h] = SCHEME_CODE[c.scheme];
    header[h + 1] = c.signature.length;
    header[h + 2] = c.message.length;
    header[h + 3] = c.publicKey.length;
    for (const part of [c.signature, c.message, c.publicKey]) {
      data.set(part, offset);
      offset += part.length;
    }
  }
  return buffer;
}

/** The checks in a packed buffer, as views into it (no copies); undefined where malformed. */
export function unpackChecks(buffer: ArrayBuffer): (SignatureCheck | undefined)[] {
  const count = new Uint32Array(buffer, 0, 1)[0]!;
  const header = new Uint32Array(buffer, 0, 1 + WORDS_PER_ENTRY * count);
  let offset = 4 * header.length;
  const out: (SignatureCheck | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const h = 1 + WORDS_PER_ENTRY * i;
    const scheme = CODE_SCHEME[header[h]!];
    if (scheme === undefined) {
      out.push(undefined);
      continue;
    }
    const take = (length: number): Uint8Array => {
      const view = length === 0 ? EMPTY : new Uint8Array(buffer, offset, length);
      offset += length;
      return view;
    };
    const signature = take(header[h + 1]!);
    const message = take(header[h + 2]!);
    const publicKey = take(header[h + 3]!);
    out.push({ scheme, signature, message, publicKey });
  }
  return out;
}
