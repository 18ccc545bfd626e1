/**
 * The subset of STROBE-128 (over Keccak-f[1600]) that Merlin transcripts use: meta-AD, AD, PRF
 * and KEY. Written from the STROBE v1.0.2 specification and Merlin's description of it; the
 * transport operations (the T flag) are not needed and are refused.
 */
import { keccakP } from "@noble/hashes/sha3.js";

/** Rate in bytes for STROBE-128 over Keccak-f[1600]: 200 − 2·16 − 2 framing bytes. */
const RATE = 166;

const FLAG_I = 1;
const FLAG_A = 1 << 1;
const FLAG_C = 1 << 2;
const FLAG_T = 1 << 3;
const FLAG_M = 1 << 4;
const FLAG_K = 1 << 5;

// "STROBEv1.0.2" in ASCII.
const STROBE_VERSION = Uint8Array.of(0x53, 0x54, 0x52, 0x4f, 0x42, 0x45, 0x76, 0x31, 0x2e, 0x30, 0x2e, 0x32);

export class Strobe128 {
  private readonly state: Uint8Array;
  private readonly lanes: Uint32Array;
  private pos = 0;
  private posBegin = 0;
  private curFlags = 0;

  /** A fresh instance keyed with `protocolLabel`; pass undefined only to build a clone. */
  constructor(protocolLabel: Uint8Array | undefined, from?: Strobe128) {
    this.state = new Uint8Array(200);
    this.lanes = new Uint32Array(this.state.buffer);
    if (from) {
      this.state.set(from.state);
      this.pos = from.pos;
      this.posBegin = from.posBegin;
      this.curFlags = from.curFlags;
      return;
    }
    this.state.set([1, RATE + 2, 1, 0, 1, 96], 0);
    this.state.set(STROBE_VERSION, 6);
    this.permute();
    this.metaAd(protocolLabel ?? new Uint8Array(0), false);
  }

  clone(): Strobe128 {
    return new Strobe128(undefined, this);
  }

  metaAd(data: Uint8Array, more: boolean): void {
    this.beginOp(FLAG_M | FLAG_A, more);
    this.absorb(data);
  }

  ad(data: Uint8Array, more: boolean): void {
    this.beginOp(FLAG_A, more);
    this.absorb(data);
  }

  prf(length: number, more: boolean): Uint8Array {
    this.beginOp(FLAG_I | FLAG_A | FLAG_C, more);
    return this.squeeze(length);
  }

  key(data: Uint8Array, more: boolean): void {
    this.beginOp(FLAG_A | FLAG_C, more);
    this.overwrite(data);
  }

  // Keccak-f works on 32-bit lanes in little-endian order; every supported Node host is little-endian.
  private permute(): void {
    keccakP(this.lanes);
  }

  private runF(): void {
    const st = this.state;
    st[this.pos]! ^= this.posBegin;
    st[this.pos + 1]! ^= 0x04;
    st[RATE + 1]! ^= 0x80;
    this.permute();
    this.pos = 0;
    this.posBegin = 0;
  }

  private absorb(data: Uint8Array): void {
    for (const byte of data) {
      this.state[this.pos++]! ^= byte;
      if (this.pos === RATE) this.runF();
    }
  }

  private overwrite(data: Uint8Array): void {
    for (const byte of data) {
      this.state[this.pos++] = byte;
      if (this.pos === RATE) this.runF();
    }
  }

  private squeeze(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = this.state[this.pos]!;
      this.state[this.pos++] = 0;
      if (this.pos === RATE) this.runF();
    }
    return out;
  }

  private beginOp(flags: number, more: boolean): void {
    if (more) {
      // A continued operation must keep its flags; anything else is a programming error.
      if (this.curFlags !== flags) throw new Error("STROBE: a continued operation changed its flags");
      return;
    }
    if (flags & FLAG_T) throw new Error("STROBE: transport operations are not supported");
    const oldBegin = this.posBegin;
    this.posBegin = this.pos + 1;
    this.curFlags = flags;
    this.absorb(Uint8Array.of(oldBegin, flags));
    if ((flags & (FLAG_C | FLAG_K)) !== 0 && this.pos !== 0) this.runF();
  }
}
