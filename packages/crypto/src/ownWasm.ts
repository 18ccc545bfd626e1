/**
 * Loads one of the node's own Wasm modules (built from `packages/crypto/wasm` by its `build.sh`
 * and committed beside this file), synchronously: they are small, and instantiated once per thread.
 */
import { readFileSync } from "node:fs";
import { CryptoError } from "./errors.ts";

// Node's WebAssembly API, as far as this module uses it (the packages' types have no DOM lib).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The exports of `name` (a file beside this one); `what` names it in the error a failure throws. */
export function loadOwnWasm<E>(name: string, what: string): E {
  const file = new URL(`./${name}`, import.meta.url);
  try {
    return new Wasm.Instance(new Wasm.Module(readFileSync(file))).exports as E;
  } catch (cause) {
    throw new CryptoError(
      "CRYPTO_INIT_FAILED",
      `could not load the ${what} ${file.pathname}; reinstall, or rebuild it with packages/crypto/wasm/build.sh`,
      { cause },
    );
  }
}
