export {
  allowedClaims,
  type BabeClaim,
  type BabeClaimEpoch,
  checkSlotClaim,
  claimSlot,
  epochForSlot,
  primaryThreshold,
  primaryThresholdFor,
  secondarySlotAuthor,
} from "./claims.ts";
export { label as merlinLabel, Transcript } from "./merlin.ts";
export {
  attachInputHash,
  makeBytes,
  type TranscriptVrfSignature,
  VRF_PRE_OUTPUT_LENGTH,
  VRF_PROOF_LENGTH,
  type VrfInOut,
  type VrfSignOptions,
  vrfSignTranscript,
  vrfVerifyTranscript,
} from "./schnorrkelVrf.ts";
export {
  checkBabeEquivocation,
  detectBabeEquivocation,
  findBabePreDigest,
  sealBabeHeader,
  verifyBabeSeal,
} from "./seal.ts";
export {
  AUTHORING_SCORE_LENGTH,
  AUTHORING_SCORE_VRF_CONTEXT,
  type BabeVrfInput,
  babeClaimValue,
  babeVrfInOut,
  babeVrfRandomness,
  babeVrfSign,
  babeVrfTranscript,
  babeVrfVerify,
  RANDOMNESS_LENGTH,
  RANDOMNESS_VRF_CONTEXT,
} from "./vrf.ts";
