/**
 * Source evaluated inside each runtime context before the bundle. It removes what would make
 * execution nondeterministic or reach outside the context, and builds the in-context host API:
 * frozen functions of the context's own realm that forward to one host dispatcher. The
 * dispatcher never throws; it answers with one of two sentinels on failure, and the prelude
 * raises a context-realm error, so no host-realm object (and so no host `Function`) is ever
 * reachable from runtime code.
 */
export const PRELUDE_SOURCE = `(function (dispatchers, hostFunctionNames) {
  "use strict";
  const g = globalThis;
  // Clocks, randomness, GC observation, shared memory, locales, Wasm, I/O-ish leftovers.
  for (const name of [
    "Date", "Intl", "WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics", "WebAssembly",
    "Promise", "console", "performance", "queueMicrotask", "setTimeout", "setInterval", "setImmediate",
    "clearTimeout", "clearInterval", "clearImmediate", "process", "require", "fetch",
  ]) {
    delete g[name];
  }
  delete Math.random;
  const unavailable = (what) => function () {
    throw new TypeError(what + " is unavailable in the runtime (locale-dependent)");
  };
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  for (const [proto, key] of [
    [String.prototype, "localeCompare"],
    [String.prototype, "toLocaleUpperCase"],
    [String.prototype, "toLocaleLowerCase"],
    [Number.prototype, "toLocaleString"],
    [BigInt.prototype, "toLocaleString"],
    [Array.prototype, "toLocaleString"],
    [TypedArrayPrototype, "toLocaleString"],
  ]) {
    Object.defineProperty(proto, key, { value: unavailable(key), writable: false, configurable: false });
  }
  // V8 hands CallSite objects (which can reach host frames) to Error.prepareStackTrace: pin it off.
  Object.defineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false });

  const failed = Object.freeze({});
  const invalid = Object.freeze({});
  const host = {};
  const names = hostFunctionNames.split(",");
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const dispatch = dispatchers[i];
    // Fixed arity (no rest array): the host side reads only the arguments its function takes.
    const fn = (a0, a1, a2, a3, a4) => {
      const result = dispatch(a0, a1, a2, a3, a4);
      if (result === failed) throw new Error("host function " + name + " failed");
      if (result === invalid) {
        throw new TypeError("host function " + name + ": arguments must be bytes, strings, numbers or arrays of bytes, as the host API declares");
      }
      return result;
    };
    Object.defineProperty(host, name, { value: Object.freeze(fn), enumerable: true });
  }
  Object.freeze(host);
  return Object.freeze({
    host, failed, invalid, Uint8Array, Array, Object,
  });
})`;
