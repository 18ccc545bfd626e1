/**
 * Merlin transcripts (merlin.cool), the Fiat–Shamir construction schnorrkel signs and proves over.
 * Also the parts of schnorrkel's `SigningTranscript` the VRF needs (proto-name, commit-point,
 * challenge and witness scalars). Labels are bytes; `label("...")` makes ASCII ones.
 */
import { Strobe128 } from "./strobe.ts";

const encoder = new TextEncoder();

/** The bytes of an ASCII label, e.g. `label("slot number")`. */
export const label = (text: string): Uint8Array => encoder.encode(text);

const MERLIN_PROTOCOL = label("Merlin v1.0");
const DOM_SEP = label("dom-sep");
const PROTO_NAME = label("proto-name");
const RNG = label("rng");

function u32le(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff)
    throw new RangeError(`Merlin: length ${n} is not a u32`);
  return Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
}

export function u64le(n: bigint): Uint8Array {
  if (n < 0n || n > 0xffff_ffff_ffff_ffffn) throw new RangeError(`Merlin: ${n} is not a u64`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n, true);
  return out;
}

export class Transcript {
  private readonly strobe: Strobe128;

  /** `Transcript::new(label)`; pass a Strobe128 only to clone. */
  constructor(appLabel: Uint8Array, strobe?: Strobe128) {
    if (strobe) {
      this.strobe = strobe;
      return;
    }
    this.strobe = new Strobe128(MERLIN_PROTOCOL);
    this.appendMessage(DOM_SEP, appLabel);
  }

  clone(): Transcript {
    return new Transcript(new Uint8Array(0), this.strobe.clone());
  }

  appendMessage(lbl: Uint8Array, message: Uint8Array): void {
    this.strobe.metaAd(lbl, false);
    this.strobe.metaAd(u32le(message.length), true);
    this.strobe.ad(message, false);
  }

  /** Merlin's `append_u64`: the value as 8 little-endian bytes. */
  appendU64(lbl: Uint8Array, value: bigint): void {
    this.appendMessage(lbl, u64le(value));
  }

  challengeBytes(lbl: Uint8Array, length: number): Uint8Array {
    this.strobe.metaAd(lbl, false);
    this.strobe.metaAd(u32le(length), true);
    return this.strobe.prf(length, false);
  }

  // --- schnorrkel's SigningTranscript helpers -------------------------------------------------

  protoName(name: Uint8Array): void {
    this.appendMessage(PROTO_NAME, name);
  }

  commitPoint(lbl: Uint8Array, compressed: Uint8Array): void {
    this.appendMessage(lbl, compressed);
  }

  /**
   * `witness_bytes`: a transcript RNG keyed by the transcript so far, the secret nonce seeds and
   * 32 fresh random bytes; the transcript itself is left unchanged.
   */
  witnessBytes(lbl: Uint8Array, length: number, nonceSeeds: Uint8Array[], random: Uint8Array): Uint8Array {
    if (random.length !== 32) throw new RangeError("Merlin: the witness randomness is 32 bytes");
    const rng = this.strobe.clone();
    for (const seed of nonceSeeds) {
      rng.metaAd(lbl, false);
      rng.metaAd(u32le(seed.length), true);
      rng.key(seed, false);
    }
    rng.metaAd(RNG, false);
    rng.key(random, false);
    rng.metaAd(u32le(length), false);
    return rng.prf(length, false);
  }
}
