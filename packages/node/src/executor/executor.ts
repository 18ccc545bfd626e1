/**
 * Runs runtime bundles (DESIGN.md §1 "Executing the runtime bundle"): `:code` is the bundle, or
 * the WebAssembly envelope that carries it (decision 0006). Each code hash is compiled
 * once into its own `node:vm` context with code generation from strings and Wasm disabled, the
 * nondeterministic globals removed (see prelude.ts), and only the host API reachable.
 *
 * Engine limits are not consensus rules: a stack overflow or a failed allocation inside the
 * runtime is reported as a panic like any other throw, and the runtime must bound recursion
 * itself (nested call decoding stops at a fixed depth) so that no valid block gets near them.
 * A heap exhausted for real ends the process; memory is bounded by block weight and length.
 *
 * A context lives as long as its cache entry, so module-level state of the runtime survives
 * between calls; runtimes must keep no state outside host storage.
 */
import vm from "node:vm";
import type { HostApi, RuntimeExports } from "@canary/frame";
import { RUNTIME_GLOBAL } from "@canary/frame";
import { blake2_256, readRuntimeEnvelope, toHex } from "@canary/primitives";
import {
  type ContextRealm,
  type Dispatcher,
  type DispatchState,
  HOST_FUNCTION_NAMES,
  isUint8ArrayOfAnyRealm,
  makeDispatcher,
  type Sentinels,
} from "./bridge.ts";
import { ExecutorError } from "./errors.ts";
import { PRELUDE_SOURCE } from "./prelude.ts";

export interface ExecutorOptions {
  /** Compiled runtimes kept (least recently used evicted). A relay node needs the current and the next. */
  readonly cacheSize?: number;
}

/** The per-call slot the dispatchers read: which host serves the call, and whether it failed. */
type CallState = DispatchState;

interface Prepared extends ContextRealm, Sentinels {
  readonly host: object;
}

interface CompiledRuntime {
  readonly state: CallState;
  readonly realm: ContextRealm;
  readonly contextHost: object;
  readonly exports: object;
  readonly call: (...args: unknown[]) => unknown;
  readonly context: vm.Context;
}

/**
 * A native `import()` rejects with an error Node creates in the host realm (whatever
 * importModuleDynamically says, unless --experimental-vm-modules), and that error's
 * `.constructor.constructor` is the host's Function: a way out. So code containing the keyword
 * `import` followed by `(` (through whitespace and comments) is refused. It is conservative:
 * such text inside a string also refuses the bundle, the same way on every node. `bundleRuntime`
 * lowers import() so its bundles never contain it; `x.import(` (a method) stays allowed.
 */
const DYNAMIC_IMPORT =
  /(?<![\w$.])import(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n\r\u2028\u2029]*|<!--[^\n\r\u2028\u2029]*|-->)*\(/;

const utf8 = new TextDecoder("utf-8", { fatal: true });
// Evaluating any script drains the context's microtask queue (microtaskMode "afterEvaluate").
const drainMicrotasks = new vm.Script("undefined", { filename: "canary-drain.js" });
const preludeScript = new vm.Script(PRELUDE_SOURCE, { filename: "canary-prelude.js" });

export class Executor {
  readonly #cache = new Map<string, CompiledRuntime>();
  readonly #cacheSize: number;
  #compilations = 0;

  constructor(options: ExecutorOptions = {}) {
    this.#cacheSize = Math.max(1, options.cacheSize ?? 4);
  }

  /** How many bundles were compiled so far (cache misses). */
  get compilations(): number {
    return this.#compilations;
  }

  /**
   * Runs entry point `method` of the runtime `code` on SCALE-encoded `input`. Pass `codeHash`
   * (blake2_256 of `code`, as the node already knows it from storage) to skip hashing the bundle.
   */
  call(
    code: Uint8Array,
    method: string,
    input: Uint8Array,
    host: HostApi,
    codeHash?: Uint8Array,
  ): Uint8Array {
    const runtime = this.#runtime(code, codeHash ?? blake2_256(code));
    const { state } = runtime;
    const outer = { host: state.host, hostFailure: state.hostFailure };
    state.host = host;
    state.hostFailure = undefined;
    try {
      let result: unknown;
      let thrown: { value: unknown } | undefined;
      try {
        result = runtime.call.call(
          runtime.exports,
          method,
          new runtime.realm.Uint8Array(input),
          runtime.contextHost,
        );
        drainMicrotasks.runInContext(runtime.context);
      } catch (error) {
        thrown = { value: error };
      }
      // A failing host function is the node's fault whatever the runtime did with the error.
      if (state.hostFailure !== undefined) {
        const { name, error } = state.hostFailure;
        throw new ExecutorError("HOST_FUNCTION_FAILED", `${method}: host function ${name} failed`, {
          cause: error,
          method,
        });
      }
      if (thrown !== undefined) {
        throw new ExecutorError("RUNTIME_PANIC", `${method} panicked: ${describeThrown(thrown.value)}`, {
          method,
        });
      }
      if (!isUint8ArrayOfAnyRealm(result)) {
        throw new ExecutorError("RUNTIME_PANIC", `${method} panicked: returned no bytes`, { method });
      }
      return new Uint8Array(result);
    } finally {
      state.host = outer.host;
      state.hostFailure = outer.hostFailure;
    }
  }

  #runtime(code: Uint8Array, codeHash: Uint8Array): CompiledRuntime {
    const key = toHex(codeHash);
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      // Re-insert: Map order is the LRU order.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const compiled = this.#compile(code, key);
    this.#compilations++;
    this.#cache.set(key, compiled);
    while (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
    }
    return compiled;
  }

  #compile(code: Uint8Array, key: string): CompiledRuntime {
    let bundle: Uint8Array;
    try {
      bundle = readRuntimeEnvelope(code).bundle;
    } catch (cause) {
      throw new ExecutorError("RUNTIME_INVALID_CODE", `runtime ${key}: ${(cause as Error).message}`, {
        cause,
      });
    }
    let source: string;
    try {
      source = utf8.decode(bundle);
    } catch (cause) {
      throw new ExecutorError("RUNTIME_INVALID_CODE", `runtime ${key} is not UTF-8 text`, { cause });
    }
    const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
      name: `canary-runtime-${key.slice(0, 18)}`,
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: "afterEvaluate",
    });
    const state: CallState = { host: undefined, hostFailure: undefined };
    const setup = preludeScript.runInContext(context) as (
      dispatchers: readonly Dispatcher[],
      names: string,
    ) => Prepared;
    let prepared: Prepared | undefined;
    const realm = () => prepared!;
    const dispatchers = HOST_FUNCTION_NAMES.map((name) => makeDispatcher(name, state, realm));
    prepared = setup(dispatchers, HOST_FUNCTION_NAMES.join(","));

    if (DYNAMIC_IMPORT.test(source)) {
      throw new ExecutorError("RUNTIME_INVALID_CODE", `runtime ${key} uses import(), which a runtime cannot`);
    }
    try {
      // No importModuleDynamically: modules are never loaded (and see DYNAMIC_IMPORT above).
      new vm.Script(source, { filename: `canary-runtime-${key.slice(0, 18)}.js` }).runInContext(context);
    } catch (error) {
      throw new ExecutorError(
        "RUNTIME_INVALID_CODE",
        `runtime ${key} failed to evaluate: ${describeThrown(error)}`,
      );
    }
    const exports = readProperty(context, RUNTIME_GLOBAL);
    const call = typeof exports === "object" && exports !== null ? readProperty(exports, "call") : undefined;
    if (typeof call !== "function") {
      throw new ExecutorError(
        "RUNTIME_INVALID_CODE",
        `runtime ${key} does not define globalThis.${RUNTIME_GLOBAL}.call`,
      );
    }
    return {
      state,
      realm: prepared,
      contextHost: prepared.host,
      exports: exports as RuntimeExports,
      call: call as (...args: unknown[]) => unknown,
      context,
    };
  }
}

/** Reads a property the runtime defined; a throwing getter reads as undefined. */
function readProperty(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The runtime's error as text: the context-realm error object itself never leaves the executor.
 * Reading `message` may run runtime code (a getter); whatever it does, only a string comes out.
 */
function describeThrown(value: unknown): string {
  try {
    if (typeof value === "object" && value !== null) {
      const name = readProperty(value, "name");
      const message = readProperty(value, "message");
      if (typeof message === "string") return typeof name === "string" ? `${name}: ${message}` : message;
      return "non-error object thrown";
    }
    return String(value);
  } catch {
    return "unprintable value thrown";
  }
}
