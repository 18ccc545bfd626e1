/**
 * Runs a freshly built bundle at build time, to ask it what the build needs from it (its metadata
 * for the metadata hash, its version and light-client answers for the envelope). Such calls are
 * pure functions of the runtime's declarations: any host function they reached for would be a
 * bug, so each one throws.
 */
import vm from "node:vm";
import type { WasmAnswer } from "@canary/primitives";

/** What a bundle installs (frame's `RuntimeExports`), as far as the build needs it. */
export interface InstalledRuntime {
  call(method: string, input: Uint8Array, host: object): Uint8Array;
  readonly metadataHashParams?: { readonly tokenSymbol: string; readonly decimals: number };
  readonly wasmAnswers?: readonly WasmAnswer[];
}

export interface EvaluatedBundle {
  readonly runtime: InstalledRuntime;
  /** Calls `method` with `input` (bytes made inside the bundle's context, as the runtime expects). */
  call(method: string, input?: readonly number[]): Uint8Array;
}

const noHost = new Proxy(
  {},
  {
    get: (_t, name) => () => {
      throw new Error(`a build-time call must not need the host function ${String(name)}`);
    },
  },
);

/** The runtime `code` installs, or undefined when it does not evaluate or installs none. */
export function evaluateBundle(code: Uint8Array, entry: string): EvaluatedBundle | undefined {
  const context = vm.createContext({});
  let runtime: InstalledRuntime | undefined;
  try {
    vm.runInContext(new TextDecoder().decode(code), context, { filename: entry, timeout: 10_000 });
    runtime = (context as Record<string, unknown>).canaryRuntime as InstalledRuntime | undefined;
  } catch {
    return undefined;
  }
  if (typeof runtime?.call !== "function") return undefined;
  const installed = runtime;
  return {
    runtime: installed,
    call: (method, input = []) => {
      const bytes = vm.runInContext(`new Uint8Array(${JSON.stringify(input)})`, context) as Uint8Array;
      return new Uint8Array(installed.call(method, bytes, noHost));
    },
  };
}
