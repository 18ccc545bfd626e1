/**
 * The runtime's only window to the outside (DESIGN.md §1), as in the Polkadot Host's `ext_*`
 * functions. The node implements it over its state (overlay + trie); the runtime bundle receives
 * it on every call. Every byte array crossing it is a Uint8Array of the receiving realm, and
 * nothing returned may be retained by the host after the call returns.
 */
import type { WasmAnswer } from "@canary/primitives";

/** Result of clearing keys under a prefix, as `ext_storage_clear_prefix_version_2`. */
export interface ClearPrefixOutcome {
  /** Keys removed by this call (overlay and backend). */
  readonly removed: number;
  /** True when no key under the prefix remains. */
  readonly complete: boolean;
}

export type LogLevel = "error" | "warn" | "info" | "debug" | "trace";

export type KeyScheme = "sr25519" | "ed25519" | "ecdsa";

export interface HostApi {
  // --- storage of the current block's state (the overlay over the parent's trie) ---
  storageGet(key: Uint8Array): Uint8Array | undefined;
  storageSet(key: Uint8Array, value: Uint8Array): void;
  storageClear(key: Uint8Array): void;
  storageExists(key: Uint8Array): boolean;
  /** Removes up to `limit` keys (all when undefined) that start with `prefix`. */
  storageClearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome;
  /** The first key strictly after `key` in byte order, across overlay and backend. */
  storageNextKey(key: Uint8Array): Uint8Array | undefined;
  /** Appends an already-encoded item to a SCALE `Vec` stored at `key` (events, as `ext_storage_append`). */
  storageAppend(key: Uint8Array, encodedItem: Uint8Array): void;
  /** The trie root of the state including every change so far (`ext_storage_root`). */
  storageRoot(stateVersion: 0 | 1): Uint8Array;
  /** Nested transactional layers: a failing dispatch rolls back exactly its own writes. */
  storageStartTransaction(): void;
  storageCommitTransaction(): void;
  storageRollbackTransaction(): void;

  // --- hashing (the host's fast implementations; results are identical to the pure ones) ---
  blake2_128(data: Uint8Array): Uint8Array;
  blake2_256(data: Uint8Array): Uint8Array;
  twox64(data: Uint8Array): Uint8Array;
  twox128(data: Uint8Array): Uint8Array;
  twox256(data: Uint8Array): Uint8Array;
  keccak256(data: Uint8Array): Uint8Array;
  /** Ordered trie root of the given values (keys are Compact<u32> indices). */
  orderedTrieRoot(values: Uint8Array[], stateVersion: 0 | 1): Uint8Array;

  // --- signatures (the host may answer from a cache filled by its parallel verifier) ---
  sr25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Recovers the 33-byte compressed public key from a 65-byte signature over a 32-byte hash. */
  secp256k1RecoverCompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined;
  /**
   * Recovers the 64-byte uncompressed public key (no 0x04 tag) from a 65-byte signature over a
   * 32-byte hash (`secp256k1_ecdsa_recover`): Claims hashes it with keccak256 into an Ethereum address.
   */
  secp256k1RecoverUncompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined;
  sr25519VrfVerify(
    publicKey: Uint8Array,
    context: Uint8Array,
    message: Uint8Array,
    output: Uint8Array,
    proof: Uint8Array,
  ): boolean;

  /**
   * BABE's per-block randomness of a VRF claim (`make_bytes::<32>("BabeVRFInOutContext")` of the
   * claim's pre-output for the BABE transcript of `slot`, `epoch` and the epoch `randomness`, under
   * `publicKey`). The proof is the node's to check before import; this only derives the bytes.
   * Undefined when the key or pre-output is not a valid point.
   */
  babeVrfRandomness(
    publicKey: Uint8Array,
    slot: bigint,
    epoch: bigint,
    randomness: Uint8Array,
    preOutput: Uint8Array,
  ): Uint8Array | undefined;

  /**
   * Creates a key of `scheme` for `keyType` (4 bytes, e.g. "babe") in the node's keystore, from
   * `seed` (a SURI such as "//Alice") when given, and returns its public key
   * (`ext_crypto_*_generate`). Used off-chain only (session key rotation); throws without a keystore.
   */
  keystoreGenerate(scheme: KeyScheme, keyType: Uint8Array, seed: Uint8Array | undefined): Uint8Array;

  /**
   * Hands an encoded extrinsic to the node's transaction pool as the node's own (`Local`)
   * transaction (`ext_offchain_submit_transaction`): how a runtime API submits an equivocation
   * report. False when the pool refuses it or the call has no pool to submit to.
   */
  offchainSubmitTransaction(extrinsic: Uint8Array): boolean;

  /** `Core_version` of other runtime code, SCALE-encoded (`ext_misc_runtime_version`); undefined if it cannot run. */
  runtimeVersion(code: Uint8Array): Uint8Array | undefined;

  log(level: LogLevel, target: string, message: string): void;
}

/**
 * What a runtime bundle provides. Evaluating the bundle assigns it to
 * `globalThis[RUNTIME_GLOBAL]`. `call` runs one entry point (`Core_version`,
 * `BlockBuilder_apply_extrinsic`, ...) on SCALE-encoded input and returns SCALE-encoded output.
 * A throw means the runtime panicked: the host discards every change of that call.
 */
export interface RuntimeExports {
  call(method: string, input: Uint8Array, host: HostApi): Uint8Array;
  /**
   * What the RFC-0078 metadata hash commits to besides the metadata (Substrate's
   * `enable_metadata_hash(symbol, decimals)` in a runtime's build script). A runtime that gives it
   * gets the hash baked into its bundle at build time (@canary/bundler); one that does not, has none.
   */
  readonly metadataHashParams?: MetadataHashParams;
  /**
   * The runtime calls a Wasm host makes itself (light clients at genesis), each answered by a
   * storage value this runtime keeps equal to its own answer. A runtime that gives them is built
   * into the WebAssembly envelope (@canary/bundler, decision 0006); one that does not stays a bare bundle.
   */
  readonly wasmAnswers?: readonly WasmAnswer[];
}

export interface MetadataHashParams {
  readonly tokenSymbol: string;
  readonly decimals: number;
}

export type { WasmAnswer };

export const RUNTIME_GLOBAL = "canaryRuntime";
