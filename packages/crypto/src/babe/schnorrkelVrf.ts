/**
 * schnorrkel's VRF over an arbitrary Merlin transcript, as Substrate's `sp_core::sr25519::vrf`
 * uses it (non-malleable input, "Kusama" DLEQ transcript order, 64-byte short proof).
 *
 * - input point  H = RistrettoPoint::from_uniform_bytes(t ‖ commit("vrf-nm-pk", pk) → 64 bytes "VRFHash")
 * - pre-output   O = sk · H (32 bytes, compressed)
 * - proof (c, s) over the extra transcript (default `Transcript("VRF")`): proto-name "DLEQProof",
 *   "vrf:h" H, "vrf:R=g^r" r·G, "vrf:h^r" r·H, "vrf:pk" pk, "vrf:h^sk" O, c = challenge "prove",
 *   s = r − c·sk; a verifier recomputes R = c·pk + s·G and r·H = c·O + s·H.
 * - `make_bytes(ctx, n)`: Transcript("VRFResult"), message "" ctx, "vrf-in" H, "vrf-out" O,
 *   challenge "" of n bytes.
 */
import { randomBytes } from "node:crypto";
import { ristretto255, ristretto255_hasher } from "@noble/curves/ed25519.js";
import { label, Transcript } from "./merlin.ts";

const Point = ristretto255.Point;
type Point = InstanceType<typeof Point>;
const L = Point.Fn.ORDER;

const VRF_NM_PK = label("vrf-nm-pk");
const VRF_HASH = label("VRFHash");
const DLEQ_PROOF = label("DLEQProof");
const VRF_H = label("vrf:h");
const VRF_R = label("vrf:R=g^r");
const VRF_HR = label("vrf:h^r");
const VRF_PK = label("vrf:pk");
const VRF_HSK = label("vrf:h^sk");
const PROVE = label("prove");
const PROVING = label("proving\u00000");
const VRF_RESULT = label("VRFResult");
const VRF_IN = label("vrf-in");
const VRF_OUT = label("vrf-out");
const EMPTY = new Uint8Array(0);

/** Length of the pre-output and of the proof in bytes. */
export const VRF_PRE_OUTPUT_LENGTH = 32;
export const VRF_PROOF_LENGTH = 64;

/** A VRF input and output pair, both as compressed Ristretto points. Use only once verified. */
export interface VrfInOut {
  readonly input: Uint8Array;
  readonly output: Uint8Array;
}

export interface TranscriptVrfSignature {
  /** `VrfPreOutput`: the compressed output point. */
  readonly preOutput: Uint8Array;
  /** `VrfProof`: c ‖ s, two canonical little-endian scalars. */
  readonly proof: Uint8Array;
}

function leToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function bigintToLe32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

const mod = (n: bigint): bigint => ((n % L) + L) % L;
const challengeScalar = (t: Transcript, lbl: Uint8Array): bigint =>
  mod(leToBigint(t.challengeBytes(lbl, 64)));
// Constant-time multiplication for secrets; noble's refuses 0, which only a 2^-252 event yields.
const mulSecret = (p: Point, n: bigint): Point => (n === 0n ? Point.ZERO : p.multiply(n));

function decodePoint(bytes: Uint8Array): Point | undefined {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) return undefined;
  try {
    return Point.fromBytes(bytes);
  } catch {
    return undefined;
  }
}

/** A canonical scalar (< ℓ), as schnorrkel's `VRFProof::from_bytes` requires. */
function decodeScalar(bytes: Uint8Array): bigint | undefined {
  const n = leToBigint(bytes);
  return n < L ? n : undefined;
}

/** The VRF input point for `publicKey` and a (cloned, not consumed) transcript. */
function inputPoint(publicKey: Uint8Array, transcript: Transcript): Point {
  const t = transcript.clone();
  t.commitPoint(VRF_NM_PK, publicKey);
  return ristretto255_hasher.deriveToCurve!(t.challengeBytes(VRF_HASH, 64));
}

/** The secret scalar of a 64-byte sr25519 secret (schnorrkel's "ed25519 form": scalar·8 ‖ nonce). */
function secretScalar(secretKey: Uint8Array): bigint {
  return leToBigint(secretKey.subarray(0, 32)) >> 3n;
}

function dleqTranscript(
  extra: Transcript | undefined,
  input: Uint8Array,
  r: Uint8Array,
  hr: Uint8Array,
  pk: Uint8Array,
  output: Uint8Array,
): bigint {
  const t = extra ? extra.clone() : new Transcript(label("VRF"));
  t.protoName(DLEQ_PROOF);
  t.commitPoint(VRF_H, input);
  t.commitPoint(VRF_R, r);
  t.commitPoint(VRF_HR, hr);
  t.commitPoint(VRF_PK, pk);
  t.commitPoint(VRF_HSK, output);
  return challengeScalar(t, PROVE);
}

export interface VrfSignOptions {
  /** The extra transcript the proof also binds (schnorrkel's `vrf_sign_extra`); default `Transcript("VRF")`. */
  extra?: Transcript;
  /** The 32 random bytes mixed into the nonce; fresh from the OS unless given (tests). */
  random?: Uint8Array;
}

/**
 * Signs: returns the pre-output, the proof, and the in/out pair for `makeBytes`. The caller
 * guarantees `publicKey` belongs to `secretKey` (a 64-byte schnorrkel secret).
 */
export function vrfSignTranscript(
  secretKey: Uint8Array,
  publicKey: Uint8Array,
  transcript: Transcript,
  options: VrfSignOptions = {},
): { signature: TranscriptVrfSignature; inOut: VrfInOut } {
  const key = secretScalar(secretKey);
  const nonce = secretKey.subarray(32, 64);
  const inPoint = inputPoint(publicKey, transcript);
  const input = inPoint.toBytes();
  const output = mulSecret(inPoint, key).toBytes();

  const t = options.extra ? options.extra.clone() : new Transcript(label("VRF"));
  t.protoName(DLEQ_PROOF);
  t.commitPoint(VRF_H, input);
  const r = mod(leToBigint(t.witnessBytes(PROVING, 64, [nonce], options.random ?? randomBytes(32))));
  t.commitPoint(VRF_R, mulSecret(Point.BASE, r).toBytes());
  t.commitPoint(VRF_HR, mulSecret(inPoint, r).toBytes());
  t.commitPoint(VRF_PK, publicKey);
  t.commitPoint(VRF_HSK, output);
  const c = challengeScalar(t, PROVE);
  const s = mod(r - c * key);

  const proof = new Uint8Array(VRF_PROOF_LENGTH);
  proof.set(bigintToLe32(c), 0);
  proof.set(bigintToLe32(s), 32);
  return { signature: { preOutput: output, proof }, inOut: { input, output } };
}

/**
 * Verifies a VRF signature; returns the in/out pair on success and undefined for any invalid or
 * malformed input (bad point encodings, identity output, non-canonical scalars, wrong proof).
 */
export function vrfVerifyTranscript(
  publicKey: Uint8Array,
  transcript: Transcript,
  signature: TranscriptVrfSignature,
  extra?: Transcript,
): VrfInOut | undefined {
  const inOut = attachInputHash(publicKey, transcript, signature?.preOutput);
  if (!inOut || !(signature.proof instanceof Uint8Array) || signature.proof.length !== VRF_PROOF_LENGTH)
    return undefined;
  const pk = decodePoint(publicKey);
  const c = decodeScalar(signature.proof.subarray(0, 32));
  const s = decodeScalar(signature.proof.subarray(32, 64));
  if (!pk || c === undefined || s === undefined) return undefined;
  const inPoint = Point.fromBytes(inOut.input);
  const outPoint = Point.fromBytes(inOut.output);
  const r = pk.multiplyUnsafe(c).add(Point.BASE.multiplyUnsafe(s));
  const hr = outPoint.multiplyUnsafe(c).add(inPoint.multiplyUnsafe(s));
  const expected = dleqTranscript(extra, inOut.input, r.toBytes(), hr.toBytes(), publicKey, inOut.output);
  return expected === c ? inOut : undefined;
}

/**
 * schnorrkel's `VRFPreOut::attach_input_hash`: pairs a pre-output with the input of `transcript`
 * without checking any proof (Substrate's `Public::make_bytes`). Undefined for a public key or
 * pre-output that is not a valid point, or an identity pre-output.
 */
export function attachInputHash(
  publicKey: Uint8Array,
  transcript: Transcript,
  preOutput: Uint8Array,
): VrfInOut | undefined {
  if (!decodePoint(publicKey)) return undefined;
  const out = decodePoint(preOutput);
  if (!out || out.equals(Point.ZERO)) return undefined;
  return { input: inputPoint(publicKey, transcript).toBytes(), output: preOutput.slice() };
}

/** `VRFInOut::make_bytes::<[u8; length]>(context)`. */
export function makeBytes(inOut: VrfInOut, context: Uint8Array, length: number): Uint8Array {
  const t = new Transcript(VRF_RESULT);
  t.appendMessage(EMPTY, context);
  t.commitPoint(VRF_IN, inOut.input);
  t.commitPoint(VRF_OUT, inOut.output);
  return t.challengeBytes(EMPTY, length);
}
