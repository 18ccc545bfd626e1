import { setHashBackend } from "@canary/primitives";
import { waitReady } from "@polkadot/wasm-crypto";
import { CryptoError } from "./errors.ts";
import { wasmHashBackend } from "./wasmHash.ts";

let ready = false;
let starting: Promise<void> | undefined;

/**
 * Loads the Wasm crypto module (once per thread) and makes @canary/primitives hash with it.
 * Every synchronous function of this package needs this to have resolved first.
 */
export function initCrypto(): Promise<void> {
  starting ??= (async () => {
    if (!(await waitReady())) {
      starting = undefined; // let a later call try again
      throw new CryptoError(
        "CRYPTO_INIT_FAILED",
        "could not instantiate the @polkadot/wasm-crypto module; check that WebAssembly is available and the package is installed intact",
      );
    }
    setHashBackend(wasmHashBackend);
    ready = true;
  })();
  return starting;
}

export function isCryptoReady(): boolean {
  return ready;
}

/** Guards every synchronous entry point. */
export function assertReady(what: string): void {
  if (!ready) {
    throw new CryptoError(
      "CRYPTO_NOT_READY",
      `${what} needs the Wasm crypto module: await initCrypto() once at startup`,
    );
  }
}
