/**
 * The equivocation halves of BabeApi and GrandpaApi: a key ownership proof of the current session
 * from Historical (`OpaqueKeyOwnershipProof`, the SCALE of a MembershipProof), and an unsigned
 * `report_equivocation_unsigned` extrinsic handed to the node's pool as its own
 * (`SubmitTransaction::submit_unsigned_transaction`).
 */
import { host } from "@canary/frame";
import { BABE_KEY_TYPE, GRANDPA_KEY_TYPE } from "@canary/pallets";
import { encodeExtrinsic, MembershipProof } from "@canary/primitives";
import type { Relay } from "./runtime.ts";

export function equivocationApis({ runtime, pallets }: Relay) {
  const prove = (keyType: Uint8Array, key: Uint8Array) => {
    const proof = pallets.historical.api.prove({ keyType, key });
    return proof ? MembershipProof.enc(proof) : undefined;
  };
  /** Some(()) (true) when the pool took the report. */
  const submit = (
    pallet: "Babe" | "Grandpa",
    equivocationProof: unknown,
    keyOwnerProof: Uint8Array,
  ): boolean => {
    let owner: MembershipProof;
    try {
      owner = MembershipProof.dec(keyOwnerProof);
    } catch {
      return false;
    }
    const call = runtime.callCodec.enc({
      tag: pallet,
      value: {
        tag: "report_equivocation_unsigned",
        value: { equivocation_proof: equivocationProof, key_owner_proof: owner },
      },
    });
    return host().offchainSubmitTransaction(encodeExtrinsic({ call }));
  };
  return {
    babeKeyOwnershipProof: (authority: Uint8Array) => prove(BABE_KEY_TYPE, authority),
    grandpaKeyOwnershipProof: (authority: Uint8Array) => prove(GRANDPA_KEY_TYPE, authority),
    submit,
  };
}
