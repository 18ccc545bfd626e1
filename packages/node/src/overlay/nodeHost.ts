/**
 * The node's implementation of the host API (DESIGN.md §1) over a block's state: storage through
 * the overlay, hashes and trie roots from the host's fast code, signatures verified here or
 * answered from what a parallel verifier already checked.
 */
import {
  babeVrfInOut,
  babeVrfRandomness as babeVrfOutputRandomness,
  CryptoError,
  ecdsaRecoverPrehashed,
  ecdsaRecoverUncompressedPrehashed,
  ed25519Verify,
  sr25519Verify,
  vrfVerify,
} from "@canary/crypto";
import type { ClearPrefixOutcome, HostApi, KeyScheme, LogLevel } from "@canary/frame";
import { blake2_128, blake2_256, keccak256, twox64, twox128, twox256 } from "@canary/primitives";
import { orderedTrieRoot } from "@canary/trie";
import type { BlockState } from "./blockState.ts";
import { OverlayError } from "./errors.ts";

/** Signatures already verified (by the import pipeline's worker threads). */
export interface VerifiedSignatures {
  /**
   * True only for a valid signature held with this exact message, key and (when the set knows
   * it) scheme; false sends the host to verify it itself.
   */
  has(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
    scheme?: "sr25519" | "ed25519",
  ): boolean;
}

export interface NodeHostOptions {
  verified?: VerifiedSignatures;
  /** `Core_version` of other code (for `set_code`'s checks); undefined when it cannot run. */
  runtimeVersion?: (code: Uint8Array) => Uint8Array | undefined;
  keystoreGenerate?: (scheme: KeyScheme, keyType: Uint8Array, seed: Uint8Array | undefined) => Uint8Array;
  /** The node's pool, for transactions a runtime API submits as the node's own; none: refused. */
  submitTransaction?: (extrinsic: Uint8Array) => boolean;
  log?: (level: LogLevel, target: string, message: string) => void;
}

export class NodeHost implements HostApi {
  readonly state: BlockState;
  readonly #options: NodeHostOptions;

  constructor(state: BlockState, options: NodeHostOptions = {}) {
    this.state = state;
    this.#options = options;
  }

  storageGet(key: Uint8Array): Uint8Array | undefined {
    return this.state.overlay.get(key);
  }
  storageSet(key: Uint8Array, value: Uint8Array): void {
    this.state.overlay.set(key, value);
  }
  storageClear(key: Uint8Array): void {
    this.state.overlay.clear(key);
  }
  storageExists(key: Uint8Array): boolean {
    return this.state.overlay.exists(key);
  }
  storageClearPrefix(prefix: Uint8Array, limit?: number): ClearPrefixOutcome {
    return this.state.overlay.clearPrefix(prefix, limit);
  }
  storageNextKey(key: Uint8Array): Uint8Array | undefined {
    return this.state.overlay.nextKey(key);
  }
  storageAppend(key: Uint8Array, item: Uint8Array): void {
    this.state.overlay.append(key, item);
  }
  storageRoot(stateVersion: 0 | 1): Uint8Array {
    return this.state.root(stateVersion);
  }
  storageStartTransaction(): void {
    this.state.overlay.startTransaction();
  }
  storageCommitTransaction(): void {
    this.state.overlay.commitTransaction();
  }
  storageRollbackTransaction(): void {
    this.state.overlay.rollbackTransaction();
  }

  blake2_128 = blake2_128;
  blake2_256 = blake2_256;
  twox64 = twox64;
  twox128 = twox128;
  twox256 = twox256;
  keccak256 = keccak256;
  orderedTrieRoot(values: Uint8Array[], stateVersion: 0 | 1): Uint8Array {
    return orderedTrieRoot(values, stateVersion);
  }

  sr25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    if (this.#options.verified?.has(signature, message, publicKey, "sr25519")) return true;
    return sr25519Verify(signature, message, publicKey);
  }
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    if (this.#options.verified?.has(signature, message, publicKey, "ed25519")) return true;
    return ed25519Verify(signature, message, publicKey);
  }
  secp256k1RecoverCompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined {
    try {
      return ecdsaRecoverPrehashed(signature, messageHash);
    } catch (e) {
      // A bad signature is the runtime's answer to handle, not a host failure.
      if (e instanceof CryptoError) return undefined;
      throw e;
    }
  }
  secp256k1RecoverUncompressed(signature: Uint8Array, messageHash: Uint8Array): Uint8Array | undefined {
    try {
      return ecdsaRecoverUncompressedPrehashed(signature, messageHash);
    } catch (e) {
      if (e instanceof CryptoError) return undefined;
      throw e;
    }
  }
  sr25519VrfVerify(
    publicKey: Uint8Array,
    context: Uint8Array,
    message: Uint8Array,
    output: Uint8Array,
    proof: Uint8Array,
  ): boolean {
    return vrfVerify(publicKey, context, message, { output, proof });
  }

  babeVrfRandomness(
    publicKey: Uint8Array,
    slot: bigint,
    epoch: bigint,
    randomness: Uint8Array,
    preOutput: Uint8Array,
  ): Uint8Array | undefined {
    const inOut = babeVrfInOut(publicKey, { slot, epochIndex: epoch, randomness }, preOutput);
    return inOut && babeVrfOutputRandomness(inOut);
  }

  offchainSubmitTransaction(extrinsic: Uint8Array): boolean {
    return this.#options.submitTransaction?.(extrinsic.slice()) ?? false;
  }

  keystoreGenerate(scheme: KeyScheme, keyType: Uint8Array, seed: Uint8Array | undefined): Uint8Array {
    const generate = this.#options.keystoreGenerate;
    if (!generate)
      throw new OverlayError(
        "HOST_NO_KEYSTORE",
        "this node has no keystore: start it with one to rotate keys",
      );
    return generate(scheme, keyType, seed);
  }

  runtimeVersion(code: Uint8Array): Uint8Array | undefined {
    return this.#options.runtimeVersion?.(code);
  }

  log(level: LogLevel, target: string, message: string): void {
    this.#options.log?.(level, target, message);
  }
}
