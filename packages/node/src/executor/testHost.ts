// A Map-backed HostApi for executor tests: enough storage and hashing to exercise the bridge.
import type { ClearPrefixOutcome, HostApi } from "@canary/frame";
import { blake2_128, blake2_256, keccak256, toHex, twox64, twox128, twox256 } from "@canary/primitives";

export interface RecordingHost extends HostApi {
  readonly storage: Map<string, Uint8Array>;
  /** Every byte argument the host received, to check that it is of the host realm. */
  readonly received: unknown[];
  readonly logs: string[];
}

export function mapHost(): RecordingHost {
  const storage = new Map<string, Uint8Array>();
  const received: unknown[] = [];
  const logs: string[] = [];
  const keyOf = (key: Uint8Array): string => {
    received.push(key);
    return toHex(key);
  };
  const unsupported = (): never => {
    throw new Error("not supported by the test host");
  };
  return {
    storage,
    received,
    logs,
    storageGet: (key) => {
      if (toHex(key) === toHex(new TextEncoder().encode("broken"))) throw new Error("disk on fire");
      return storage.get(keyOf(key))?.slice();
    },
    storageSet: (key, value) => {
      received.push(value);
      storage.set(keyOf(key), value);
    },
    storageClear: (key) => void storage.delete(keyOf(key)),
    storageExists: (key) => storage.has(keyOf(key)),
    storageClearPrefix: (prefix, limit): ClearPrefixOutcome => {
      const hex = keyOf(prefix);
      let removed = 0;
      for (const key of [...storage.keys()].filter((k) => k.startsWith(hex))) {
        if (limit !== undefined && removed >= limit) return { removed, complete: false };
        storage.delete(key);
        removed++;
      }
      return { removed, complete: true };
    },
    storageNextKey: unsupported,
    storageAppend: unsupported,
    storageRoot: () => new Uint8Array(32),
    storageStartTransaction: () => {},
    storageCommitTransaction: () => {},
    storageRollbackTransaction: () => {},
    blake2_128,
    blake2_256,
    twox64,
    twox128,
    twox256,
    keccak256,
    orderedTrieRoot: (values) => {
      received.push(values, ...values);
      return blake2_256(new Uint8Array(values.flatMap((v) => [...v])));
    },
    sr25519Verify: unsupported,
    ed25519Verify: unsupported,
    secp256k1RecoverCompressed: unsupported,
    secp256k1RecoverUncompressed: unsupported,
    sr25519VrfVerify: unsupported,
    babeVrfRandomness: unsupported,
    keystoreGenerate: unsupported,
    offchainSubmitTransaction: () => false,
    runtimeVersion: () => undefined,
    log: (level, target, message) => void logs.push(`${level} ${target} ${message}`),
  };
}
