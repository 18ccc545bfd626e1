/** Historical's types: the membership proof (primitives) and a session key by type. */
export { MembershipProof } from "@canary/primitives";

/** A key of one session key type: `(KeyTypeId, key bytes)`. */
export interface SessionKeyRef {
  keyType: Uint8Array;
  key: Uint8Array;
}
