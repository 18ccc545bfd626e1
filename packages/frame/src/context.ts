/**
 * The host of the runtime call in progress. A runtime call is synchronous and single-threaded,
 * so one module-level slot is enough; storage accessors read it instead of threading a host
 * argument through every pallet function.
 */
import { pureHashBackend, setHashBackend, useSharedBuffers } from "@canary/primitives";
import { FrameError } from "./errors.ts";
import { type HostApi, RUNTIME_GLOBAL, type RuntimeExports } from "./hostApi.ts";
import { CachedStorageHost } from "./storageCache.ts";

let current: HostApi | undefined;

/** Runs `fn` with `host` as the current host, restoring the previous one afterwards. */
export function withHost<T>(host: HostApi, fn: () => T): T {
  const previous = current;
  current = host;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

export function host(): HostApi {
  if (current === undefined) {
    throw new FrameError(
      "FRAME_NO_HOST",
      "runtime code ran outside a runtime call: wrap it in withHost(host, ...)",
    );
  }
  return current;
}

/** Routes primitives' hashing to the host's implementation (inside the runtime bundle). */
export function useHostHashing(h: HostApi): void {
  setHashBackend({
    blake2b: (data, outLen) => {
      if (outLen === 16) return h.blake2_128(data);
      if (outLen === 32) return h.blake2_256(data);
      // Other sizes (SS58's 64-byte checksum, 8-byte API ids) are rare: the pure code serves them.
      return pureHashBackend.blake2b(data, outLen);
    },
    twox: (data, outLen) =>
      outLen === 8 ? h.twox64(data) : outLen === 16 ? h.twox128(data) : h.twox256(data),
    keccak256: (data) => h.keccak256(data),
  });
}

/**
 * A bundle's entry calls this: it exposes the runtime at `globalThis[RUNTIME_GLOBAL]` and, on
 * every call, routes hashing to that call's host and puts a read cache and write buffer in front
 * of its storage (storageCache.ts), flushed when the call returns. Only for bundles: in-process
 * runtimes (tests) keep the pure hashing, which the host functions themselves may be built on.
 */
export function installRuntime(exports: RuntimeExports): void {
  useSharedBuffers();
  const installed: RuntimeExports = {
    call(method, input, h) {
      useHostHashing(h);
      const storage = new CachedStorageHost(h);
      const output = exports.call(method, input, storage);
      // A call that throws leaves its writes here: the node discards its changes anyway.
      storage.flush();
      return output;
    },
    ...(exports.metadataHashParams === undefined ? {} : { metadataHashParams: exports.metadataHashParams }),
    ...(exports.wasmAnswers === undefined ? {} : { wasmAnswers: exports.wasmAnswers }),
  };
  (globalThis as Record<string, unknown>)[RUNTIME_GLOBAL] = installed;
}
