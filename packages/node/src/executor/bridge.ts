/**
 * Moves values across the host/context realm boundary. A Uint8Array of one realm is not
 * `instanceof Uint8Array` in the other, and a host object handed to the runtime would expose the
 * host's `Function` constructor through `.constructor`; so every value the runtime receives is
 * rebuilt with its own realm's constructors.
 *
 * The other way, each host function declares what its arguments are, and the dispatcher converts
 * exactly those: no argument array, no generic walk, on the path every storage access takes.
 * Bytes are copied, not viewed: a small Uint8Array lives on V8's heap without an ArrayBuffer,
 * and asking for its `buffer` to make a view costs more than the copy. Bytes a host function only
 * reads during the call (kind `transient`) are copied into a shared buffer when they are over 64
 * bytes, as a storage key of an account is: a larger array of its own costs ten times as much.
 */
import type { HostApi } from "@canary/frame";
import { ON_HEAP_MAX, Slab } from "@canary/primitives";

/** Constructors of the context realm, captured before any runtime code ran. */
export interface ContextRealm {
  readonly Uint8Array: Uint8ArrayConstructor;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
}

/**
 * What a host function's argument may be: bytes, bytes the function does not keep past the call
 * (it copies what it keeps, as the node's storage overlay does), optional bytes, a list of byte
 * arrays, or a scalar (number, bigint, string, boolean, undefined) the host function checks itself.
 */
export type ArgKind = "bytes" | "transient" | "bytes?" | "bytesList" | "scalar";

/** Every HostApi function and its arguments, so the in-context wrappers are built generically. */
export const HOST_FUNCTIONS = {
  storageGet: ["transient"],
  storageSet: ["transient", "transient"],
  storageClear: ["transient"],
  storageExists: ["transient"],
  storageClearPrefix: ["transient", "scalar"],
  storageNextKey: ["transient"],
  storageAppend: ["transient", "transient"],
  storageRoot: ["scalar"],
  storageStartTransaction: [],
  storageCommitTransaction: [],
  storageRollbackTransaction: [],
  blake2_128: ["transient"],
  blake2_256: ["transient"],
  twox64: ["transient"],
  twox128: ["transient"],
  twox256: ["transient"],
  keccak256: ["transient"],
  orderedTrieRoot: ["bytesList", "scalar"],
  sr25519Verify: ["transient", "transient", "transient"],
  ed25519Verify: ["transient", "transient", "transient"],
  secp256k1RecoverCompressed: ["bytes", "bytes"],
  secp256k1RecoverUncompressed: ["bytes", "bytes"],
  sr25519VrfVerify: ["bytes", "bytes", "bytes", "bytes", "bytes"],
  babeVrfRandomness: ["bytes", "scalar", "scalar", "bytes", "bytes"],
  keystoreGenerate: ["scalar", "bytes", "bytes?"],
  offchainSubmitTransaction: ["bytes"],
  runtimeVersion: ["bytes"],
  log: ["scalar", "scalar", "scalar"],
} as const satisfies Record<keyof HostApi, readonly ArgKind[]>;

export type HostFunctionName = keyof typeof HOST_FUNCTIONS;
export const HOST_FUNCTION_NAMES = Object.keys(HOST_FUNCTIONS) as HostFunctionName[];

// Compile-time check that the table above names every HostApi function.
type Missing = Exclude<keyof HostApi, HostFunctionName>;
const allNamed: [Missing] extends [never] ? true : Missing = true;
void allNamed;

/** The most arguments any host function takes: the in-context wrappers pass this many. */
export const MAX_HOST_ARGS = 5;

// The %TypedArray%.prototype[@@toStringTag] getter reads an internal slot, so it recognises a
// Uint8Array of any realm and cannot be fooled by a look-alike object.
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
)!.get as () => string | undefined;

export function isUint8ArrayOfAnyRealm(value: unknown): value is Uint8Array {
  return typedArrayTag.call(value) === "Uint8Array";
}

/** Thrown for a value the runtime passed that the host API cannot carry. */
export class UnbridgeableValue extends Error {}

const MAX_ARRAY_LENGTH = 1 << 24;

/** A host-realm copy of a runtime Uint8Array (the constructor reads internal slots only). */
function copyOf(value: unknown): Uint8Array {
  if (!isUint8ArrayOfAnyRealm(value)) throw new UnbridgeableValue("expected bytes");
  return new Uint8Array(value);
}

const typedArrayLength = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  "length",
)!.get as () => number;
const transientCopies = new Slab();

/** `copyOf` for bytes not kept past the call: larger ones go into a shared buffer. */
function transientCopyOf(value: unknown): Uint8Array {
  if (!isUint8ArrayOfAnyRealm(value)) throw new UnbridgeableValue("expected bytes");
  // The length and the copy read internal slots only: no getter of the runtime's realm runs.
  const length = typedArrayLength.call(value);
  if (length <= ON_HEAP_MAX) return new Uint8Array(value);
  const out = transientCopies.alloc(length);
  out.set(value);
  return out;
}

function isScalar(value: unknown): boolean {
  const type = typeof value;
  return (
    value === undefined ||
    value === null ||
    type === "boolean" ||
    type === "number" ||
    type === "bigint" ||
    type === "string"
  );
}

/** A runtime argument as the host function receives it. */
function toHostArg(kind: ArgKind, value: unknown): unknown {
  switch (kind) {
    case "bytes":
      return copyOf(value);
    case "transient":
      return transientCopyOf(value);
    case "bytes?":
      return value === undefined ? undefined : copyOf(value);
    case "scalar":
      if (!isScalar(value)) throw new UnbridgeableValue(`cannot pass a ${typeof value} to the host`);
      return value;
    case "bytesList": {
      if (!Array.isArray(value)) throw new UnbridgeableValue("expected an array of bytes");
      const length: unknown = value.length;
      if (typeof length !== "number" || !Number.isSafeInteger(length) || length > MAX_ARRAY_LENGTH) {
        throw new UnbridgeableValue("array of invalid length");
      }
      const out: Uint8Array[] = [];
      for (let i = 0; i < length; i++) out.push(copyOf(value[i]));
      return out;
    }
  }
}

/** A host-realm value (result of a host function) as a context-realm value. */
export function toContext(value: unknown, realm: ContextRealm): unknown {
  if (isScalar(value)) return value;
  if (isUint8ArrayOfAnyRealm(value)) return new realm.Uint8Array(value);
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toContext(value[i], realm);
    return out;
  }
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out = new realm.Object();
    for (const [key, field] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: toContext(field, realm), enumerable: true, writable: true });
    }
    return out;
  }
  throw new TypeError(`host function returned a ${typeof value}, which cannot cross into the runtime`);
}

/** What a dispatcher answers instead of throwing: the prelude turns these into runtime errors. */
export interface Sentinels {
  readonly failed: object;
  readonly invalid: object;
}

/** The dispatcher's view of the executor's per-call state. */
export interface DispatchState {
  host: HostApi | undefined;
  hostFailure: { name: string; error: unknown } | undefined;
}

export type Dispatcher = (a0: unknown, a1: unknown, a2: unknown, a3: unknown, a4: unknown) => unknown;

/**
 * The host side of one host function: converts the runtime's arguments by their kinds, calls the
 * current host, and converts the result. It never throws into the runtime: a bad argument answers
 * `invalid` (the runtime's fault), a throwing host function `failed` (the node's, recorded).
 */
export function makeDispatcher(
  name: HostFunctionName,
  state: DispatchState,
  realm: () => ContextRealm & Sentinels,
): Dispatcher {
  const kinds: readonly ArgKind[] = HOST_FUNCTIONS[name];
  const k0 = kinds[0];
  const k1 = kinds[1];
  const k2 = kinds[2];
  const arity = kinds.length;
  return (a0, a1, a2, a3, a4) => {
    const r = realm();
    const host = state.host;
    if (host === undefined) return r.failed;
    const fn = host[name] as (...args: unknown[]) => unknown;
    let x0: unknown;
    let x1: unknown;
    let x2: unknown;
    let rest: unknown[] | undefined;
    try {
      if (arity > 0) x0 = toHostArg(k0!, a0);
      if (arity > 1) x1 = toHostArg(k1!, a1);
      if (arity > 2) x2 = toHostArg(k2!, a2);
      if (arity > 3) rest = [toHostArg(kinds[3]!, a3), toHostArg(kinds[4]!, a4)];
    } catch (error) {
      if (error instanceof UnbridgeableValue) return r.invalid;
      state.hostFailure ??= { name, error };
      return r.failed;
    }
    try {
      let result: unknown;
      if (arity <= 1) result = fn.call(host, x0);
      else if (arity === 2) result = fn.call(host, x0, x1);
      else if (arity === 3) result = fn.call(host, x0, x1, x2);
      else result = fn.call(host, x0, x1, x2, ...rest!);
      return toContext(result, r);
    } catch (error) {
      state.hostFailure ??= { name, error };
      return r.failed;
    }
  };
}
