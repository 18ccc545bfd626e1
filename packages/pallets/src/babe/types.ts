/**
 * BABE's types. The byte formats clients and light clients read (authorities, the pre-runtime
 * digest, epoch configuration, the consensus log) are primitives' (`@canary/primitives`
 * consensus/babe), shared with the node; here they get the pallet's names.
 */
import {
  BabeAllowedSlots,
  BabeAuthority,
  BabeAuthorityId,
  BabeConsensusLog,
  BabeEpochConfiguration,
  BabeNextConfigDescriptor,
  BabePreDigest,
  BabeRandomness,
} from "@canary/primitives";

export {
  BabeAllowedSlots as AllowedSlots,
  BabeAuthority as Authority,
  BabeAuthorityId as AuthorityId,
  BabeConsensusLog as ConsensusLog,
  BabeEpochConfiguration,
  BabeNextConfigDescriptor as NextConfigDescriptor,
  BabePreDigest as PreDigest,
  BabeRandomness as Randomness,
};
export type Authority = [Uint8Array, bigint];

/** An epoch as `BabeApi_current_epoch` describes it. */
export interface Epoch {
  epochIndex: bigint;
  startSlot: bigint;
  duration: bigint;
  authorities: Authority[];
  randomness: Uint8Array;
  config: BabeEpochConfiguration;
}

/** Kusama's genesis epoch configuration: c = 1/4, primary and secondary VRF slots. */
export const KUSAMA_EPOCH_CONFIG: BabeEpochConfiguration = {
  c: [1n, 4n],
  allowedSlots: "PrimaryAndSecondaryVRFSlots",
};
