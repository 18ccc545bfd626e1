/** A `balances.transfer_keep_alive` (or any call) signed with Canary's own primitives, for tests and benchmarks. */
import { type Keypair, sr25519Sign } from "@canary/crypto";
import {
  compactU128,
  encodeExtrinsic,
  MultiAddress,
  payloadToSign,
  signingPayload,
} from "@canary/primitives";
import { SPEC_VERSION } from "../../runtimes/relay/src/index.ts";

export interface TransferOptions {
  nonce?: number;
  tip?: bigint;
  specVersion?: number;
  /** Sign with CheckMetadataHash mode 1, committing to this RFC-0078 metadata hash. */
  metadataHash?: Uint8Array;
}

export function signedTransfer(
  genesisHash: Uint8Array,
  from: Keypair,
  to: Uint8Array,
  amount: bigint,
  o: TransferOptions = {},
): Uint8Array {
  // Balances (4) . transfer_keep_alive (3) { dest: MultiAddress::Id, value: Compact<u128> }
  const call = new Uint8Array([
    4,
    3,
    ...MultiAddress.enc({ tag: "Id", value: to }),
    ...compactU128.enc(amount),
  ]);
  return signedCall(genesisHash, from, call, o);
}

/** Any encoded call, signed by `from` as an immortal extrinsic. */
export function signedCall(
  genesisHash: Uint8Array,
  from: Keypair,
  call: Uint8Array,
  o: TransferOptions = {},
): Uint8Array {
  const extra = {
    era: { tag: "Immortal" as const },
    nonce: o.nonce ?? 0,
    tip: o.tip ?? 0n,
    metadataHashMode: o.metadataHash === undefined ? (0 as const) : (1 as const),
  };
  const payload = signingPayload({
    call,
    extra,
    additional: {
      specVersion: o.specVersion ?? SPEC_VERSION,
      txVersion: 1,
      genesisHash,
      birthHash: genesisHash,
      metadataHash: o.metadataHash,
    },
  });
  return encodeExtrinsic({
    call,
    signed: {
      address: { tag: "Id", value: from.publicKey },
      signature: { tag: "Sr25519", value: sr25519Sign(from, payloadToSign(payload)) },
      extra,
    },
  });
}
