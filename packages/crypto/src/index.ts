export * from "./babe/index.ts";
export { DEV_ACCOUNT_NAMES, type DevAccount, type DevAccountName, devAccounts, devKeypair } from "./dev.ts";
export {
  ECDSA_PUBLIC_KEY_LENGTH,
  ECDSA_SIGNATURE_LENGTH,
  ecdsaDeriveHard,
  ecdsaKeypairFromSeed,
  ecdsaRecover,
  ecdsaRecoverPrehashed,
  ecdsaRecoverUncompressedPrehashed,
  ecdsaSign,
  ecdsaSignPrehashed,
  ecdsaVerify,
  ethereumAddress,
} from "./ecdsa.ts";
export {
  ED25519_SIGNATURE_LENGTH,
  ed25519DeriveHard,
  ed25519KeypairFromSeed,
  ed25519Sign,
  ed25519Verify,
  ed25519VerifyWasm,
} from "./ed25519.ts";
export {
  BabeError,
  type BabeErrorCode,
  CryptoError,
  type CryptoErrorCode,
  GrandpaError,
  type GrandpaErrorCode,
} from "./errors.ts";
export * from "./grandpa/index.ts";
export { initCrypto, isCryptoReady } from "./init.ts";
export { type Keypair, SCHEMES, type Scheme } from "./keypair.ts";
export {
  DEV_PHRASE,
  deriveKeypair,
  keypairFromSeed,
  keypairFromSuri,
  miniSecretFromMnemonic,
} from "./keyring.ts";
export { SharedVerdicts, SharedVerifier, type SharedVerifierOptions } from "./sharedVerifier.ts";
export {
  SR25519_SIGNATURE_LENGTH,
  sr25519DeriveHard,
  sr25519DeriveSoft,
  sr25519KeypairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from "./sr25519.ts";
export { type Sr25519Check, sr25519VerifyBatch, sr25519VerifyEach } from "./sr25519Batch.ts";
export {
  type DeriveJunction,
  junctionChainCode,
  type ParsedSuri,
  parseDerivePath,
  parseSuri,
} from "./suri.ts";
export { defaultWorkerCount, SignatureVerifier, type SignatureVerifierOptions } from "./verifier.ts";
export { type SignatureCheck, sign, verifySignature } from "./verify.ts";
export { type VrfSignature, vrfSign, vrfVerify } from "./vrf.ts";
export { wasmHashBackend } from "./wasmHash.ts";
