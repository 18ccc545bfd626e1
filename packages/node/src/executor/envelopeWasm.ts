/**
 * Runs a call the runtime envelope answers in Wasm (BabeApi_current_epoch, GrandpaApi_current_set_id,
 * the metadata constants…) exactly as a Wasm host does — smoldot checking a call proof, Substrate's
 * executor: the module instantiated with `ext_storage_get_version_1` as its only import, the input
 * and each storage value placed in its memory from `__heap_base` up, the output read back from the
 * pointer-size it returns. A node proves such a call by running it this way over a recording state,
 * so that the proof holds what the Wasm reads, not what the JavaScript runtime would.
 */
import { blake2_256, compactU32, concatBytes, isWasm, toHex } from "@canary/primitives";

// The parts of the WebAssembly JS API used here (the node's TypeScript lib has no DOM types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: {
    new (bytes: Uint8Array): object;
    exports(module: object): Array<{ name: string; kind: string }>;
  };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: object };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const modules = new Map<string, object>();
const CACHE = 4;

function moduleOf(code: Uint8Array): object {
  const key = toHex(blake2_256(code));
  const cached = modules.get(key);
  if (cached) return cached;
  const module = new Wasm.Module(code);
  if (modules.size >= CACHE) modules.delete(modules.keys().next().value!);
  modules.set(key, module);
  return module;
}

/** Whether `code` is a Wasm module that exports `entry`. */
export function envelopeExports(code: Uint8Array, entry: string): boolean {
  if (!isWasm(code)) return false;
  return Wasm.Module.exports(moduleOf(code)).some((e) => e.kind === "function" && e.name === entry);
}

/** The output of `entry(input)` in `code`'s Wasm, reading storage through `storageGet`. */
export function callEnvelopeWasm(
  code: Uint8Array,
  entry: string,
  input: Uint8Array,
  storageGet: (key: Uint8Array) => Uint8Array | undefined,
): Uint8Array {
  let memory: WasmMemory | undefined;
  let next = 0;
  /** The host's bump allocator over the module's memory, growing it when needed. */
  const place = (bytes: Uint8Array): bigint => {
    const mem = memory!;
    const end = next + bytes.length;
    if (end > mem.buffer.byteLength) mem.grow(Math.ceil((end - mem.buffer.byteLength) / 65_536));
    new Uint8Array(mem.buffer, next, bytes.length).set(bytes);
    const at = next;
    next = (end + 7) & ~7;
    return (BigInt(bytes.length) << 32n) | BigInt(at);
  };
  const read = (ptrSize: bigint): Uint8Array => {
    const ptr = Number(ptrSize & 0xffff_ffffn);
    const len = Number(ptrSize >> 32n);
    return new Uint8Array(memory!.buffer, ptr, len).slice();
  };
  const instance = new Wasm.Instance(moduleOf(code), {
    env: {
      ext_storage_get_version_1: (key: bigint) => {
        const value = storageGet(read(key));
        return place(
          value === undefined
            ? Uint8Array.of(0)
            : concatBytes(Uint8Array.of(1), compactU32.enc(value.length), value),
        );
      },
    },
  });
  const exports = instance.exports as Record<string, unknown>;
  memory = exports.memory as WasmMemory;
  next = Number((exports.__heap_base as { value: number }).value);
  const at = place(input);
  const fn = exports[entry] as (ptr: number, len: number) => bigint;
  return read(fn(Number(at & 0xffff_ffffn), input.length));
}
