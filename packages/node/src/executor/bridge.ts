/**
 * Moves values across the host/context realm boundary by copying. A Uint8Array of one realm is
 * not `instanceof Uint8Array` in the other, and a host object handed to the runtime would expose
 * the host's `Function` constructor through `.constructor`; so every value is rebuilt with the
 * receiving realm's constructors. Typed arrays are copied by their constructor (one memcpy) into a
 * buffer allocated in the receiving realm.
 */
import type { HostApi } from "@canary/frame";

/** Constructors of the context realm, captured before any runtime code ran. */
export interface ContextRealm {
  readonly Uint8Array: Uint8ArrayConstructor;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
}

/** Every HostApi function, in one list, so the in-context wrappers are built generically. */
export const HOST_FUNCTION_NAMES = [
  "storageGet",
  "storageSet",
  "storageClear",
  "storageExists",
  "storageClearPrefix",
  "storageNextKey",
  "storageAppend",
  "storageRoot",
  "storageStartTransaction",
  "storageCommitTransaction",
  "storageRollbackTransaction",
  "blake2_128",
  "blake2_256",
  "twox64",
  "twox128",
  "twox256",
  "keccak256",
  "orderedTrieRoot",
  "sr25519Verify",
  "ed25519Verify",
  "secp256k1RecoverCompressed",
  "secp256k1RecoverUncompressed",
  "sr25519VrfVerify",
  "babeVrfRandomness",
  "keystoreGenerate",
  "offchainSubmitTransaction",
  "runtimeVersion",
  "log",
] as const satisfies readonly (keyof HostApi)[];

// Compile-time check that the list above names every HostApi function.
type Missing = Exclude<keyof HostApi, (typeof HOST_FUNCTION_NAMES)[number]>;
const allNamed: [Missing] extends [never] ? true : Missing = true;
void allNamed;

// The %TypedArray%.prototype[@@toStringTag] getter reads an internal slot, so it recognises a
// Uint8Array of any realm and cannot be fooled by a look-alike object.
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
)!.get as () => string | undefined;

export function isUint8ArrayOfAnyRealm(value: unknown): value is Uint8Array {
  return typedArrayTag.call(value) === "Uint8Array";
}

/** Values that the host API carries: bytes, scalars, arrays of them, plain records of them. */
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

/** Thrown for a value the runtime passed that the host API cannot carry. */
export class UnbridgeableValue extends Error {}

const MAX_ARRAY_LENGTH = 1 << 24;

/** A context-realm value (argument from the runtime) as a host-realm value. */
export function toHost(value: unknown): unknown {
  if (isScalar(value)) return value;
  if (isUint8ArrayOfAnyRealm(value)) return new Uint8Array(value);
  if (Array.isArray(value)) {
    const length: unknown = value.length;
    if (typeof length !== "number" || !Number.isSafeInteger(length) || length > MAX_ARRAY_LENGTH) {
      throw new UnbridgeableValue("array of invalid length");
    }
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) out.push(toHost(value[i]));
    return out;
  }
  throw new UnbridgeableValue(`cannot pass a ${typeof value} to the host`);
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
