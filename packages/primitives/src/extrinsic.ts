/**
 * Extrinsic format v4 (`UncheckedExtrinsic`): `compact(len) ++ version ++ [address signature extra]
 * ++ call`, where version 0x84 is signed and 0x04 unsigned. The call stays raw bytes: the
 * runtime decodes its arguments against the pallet's call type.
 */
import { MultiAddress, MultiSignature } from "./account.ts";
import { DecodeError, EncodeError } from "./errors.ts";
import { blake2_256 } from "./hashing.ts";
import { Bytes } from "./scale/bytes.ts";
import { type Codec, makeCodec, type TypeDesc } from "./scale/codec.ts";
import { readCompact, writeCompact } from "./scale/compact.ts";
import { Reader } from "./scale/reader.ts";
import { Writer } from "./scale/writer.ts";
import {
  type CanaryAdditional,
  type CanaryExtra,
  canaryExtensions,
  type ExtensionSet,
} from "./signedExtensions.ts";

export const EXTRINSIC_VERSION = 4;
const SIGNED_BIT = 0x80;

export interface SignedPart<X> {
  address: MultiAddress;
  signature: MultiSignature;
  extra: X;
}

export interface Extrinsic<X = CanaryExtra> {
  /** Absent for an unsigned (bare) extrinsic: an inherent or an unsigned transaction. */
  signed?: SignedPart<X>;
  /** The call's bytes: pallet index, call index, arguments. */
  call: Uint8Array;
  /** `call[0]`; when encoding, if given it must match. */
  palletIndex: number;
  /** `call[1]`; when encoding, if given it must match. */
  callIndex: number;
}

/** What an encoder needs; the indices are read from `call`. */
export type ExtrinsicInput<X = CanaryExtra> = Omit<Extrinsic<X>, "palletIndex" | "callIndex"> &
  Partial<Pick<Extrinsic<X>, "palletIndex" | "callIndex">>;

/**
 * The extrinsic codec for one set of signed-extension extras. `types` only feeds the metadata
 * description (`UncheckedExtrinsic<Address, Call, Signature, Extra>`).
 */
export function extrinsicCodec<X>(extra: Codec<X>, types: { call?: TypeDesc } = {}): Codec<Extrinsic<X>> {
  const what = "Extrinsic";
  return makeCodec<Extrinsic<X>>(
    {
      kind: "composite",
      path: ["sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"],
      params: [
        { name: "Address", type: MultiAddress.desc },
        { name: "Call", type: types.call },
        { name: "Signature", type: MultiSignature.desc },
        { name: "Extra", type: extra.desc },
      ],
      fields: [{ type: Bytes.desc }],
    },
    // compact(len), version, pallet index, call index.
    4,
    (w, v) => {
      const { call } = v;
      if (!(call instanceof Uint8Array) || call.length < 2)
        throw new EncodeError(what, "the call needs at least its pallet and call index");
      if (
        (v.palletIndex !== undefined && v.palletIndex !== call[0]) ||
        (v.callIndex !== undefined && v.callIndex !== call[1])
      )
        throw new EncodeError(what, "palletIndex/callIndex do not match the call bytes");
      const body = new Writer(call.length + 128);
      if (v.signed) {
        body.byte(EXTRINSIC_VERSION | SIGNED_BIT);
        MultiAddress.write(body, v.signed.address);
        MultiSignature.write(body, v.signed.signature);
        extra.write(body, v.signed.extra);
      } else {
        body.byte(EXTRINSIC_VERSION);
      }
      body.bytes(call);
      const bytes = body.finish();
      writeCompact(w, bytes.length);
      w.bytes(bytes);
    },
    (r) => {
      const len = Number(readCompact(r, 32, `${what} length`));
      // The length prefix bounds everything: a short body is truncated, a long one leaves bytes.
      const body = new Reader(r.take(len, what));
      const version = body.byte(`${what} version`);
      let signed: SignedPart<X> | undefined;
      if (version === (EXTRINSIC_VERSION | SIGNED_BIT)) {
        const address = MultiAddress.read(body);
        const signature = MultiSignature.read(body);
        signed = { address, signature, extra: extra.read(body) };
      } else if (version !== EXTRINSIC_VERSION) {
        throw new DecodeError(
          "unknown-variant",
          `${what} version`,
          `0x${version.toString(16)} is neither 0x04 (unsigned v4) nor 0x84 (signed v4)`,
        );
      }
      const call = body.take(body.remaining, `${what}.call`).slice();
      if (call.length < 2)
        throw new DecodeError("truncated", `${what}.call`, "needs at least the pallet and call index");
      const out: Extrinsic<X> = { call, palletIndex: call[0]!, callIndex: call[1]! };
      if (signed) out.signed = signed;
      return out;
    },
    what,
  );
}

/** Canary's extrinsic codec (its fixed extension list). */
export const Extrinsic: Codec<Extrinsic> = extrinsicCodec(canaryExtensions.extra);

/** Encodes an extrinsic with its length prefix, as it appears in a block and in `author_submitExtrinsic`. */
export function encodeExtrinsic(xt: ExtrinsicInput): Uint8Array;
export function encodeExtrinsic<X>(xt: ExtrinsicInput<X>, codec: Codec<Extrinsic<X>>): Uint8Array;
export function encodeExtrinsic(
  xt: ExtrinsicInput<unknown>,
  codec: Codec<Extrinsic<unknown>> = Extrinsic as Codec<Extrinsic<unknown>>,
): Uint8Array {
  return codec.enc(xt as Extrinsic<unknown>);
}

/** Decodes one length-prefixed extrinsic that must span all of `bytes`. */
export function decodeExtrinsic(bytes: Uint8Array): Extrinsic;
export function decodeExtrinsic<X>(bytes: Uint8Array, codec: Codec<Extrinsic<X>>): Extrinsic<X>;
export function decodeExtrinsic(
  bytes: Uint8Array,
  codec: Codec<Extrinsic<unknown>> = Extrinsic as Codec<Extrinsic<unknown>>,
): Extrinsic<unknown> {
  return codec.dec(bytes);
}

/** The transaction hash: blake2_256 of the full encoding, length prefix included. */
export const extrinsicHash = (encoded: Uint8Array): Uint8Array => blake2_256(encoded);

export interface SigningPayloadInput<X, A> {
  call: Uint8Array;
  extra: X;
  additional: A;
}

/** `call ++ extra ++ additional_signed`, each extension list in order. */
export function signingPayload(input: SigningPayloadInput<CanaryExtra, CanaryAdditional>): Uint8Array;
export function signingPayload<X, A>(input: SigningPayloadInput<X, A>, set: ExtensionSet<X, A>): Uint8Array;
export function signingPayload(
  input: SigningPayloadInput<unknown, unknown>,
  set: ExtensionSet<unknown, unknown> = canaryExtensions as ExtensionSet<unknown, unknown>,
): Uint8Array {
  const w = new Writer(input.call.length + 128);
  w.bytes(input.call);
  set.extra.write(w, input.extra);
  set.additionalSigned.write(w, input.additional);
  return w.finish();
}

/** Payloads longer than this many bytes are signed through their blake2_256. */
export const PAYLOAD_HASH_THRESHOLD = 256;

/** The message a signature actually covers: the payload, or its blake2_256 when longer than 256 bytes. */
export const payloadToSign = (payload: Uint8Array): Uint8Array =>
  payload.length > PAYLOAD_HASH_THRESHOLD ? blake2_256(payload) : payload;
