import {
  Bytes,
  buildRuntimeEnvelope,
  concatBytes,
  customSections,
  encodeUtf8,
  fromHex,
  Option,
  readRuntimeEnvelope,
  toHex,
} from "@canary/primitives";
import { describe, expect, it } from "vitest";

// The WebAssembly API of Node (this package's types have no DOM lib), as far as the tests use it.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  validate(code: Uint8Array): boolean;
  instantiate(code: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

const KEY_A = encodeUtf8(":grandpa_authorities");
const KEY_B = fromHex("0x5f9cc45b7a00c5899361e1c6099678dc8a2d09463effcc78a22d75b9cb87dffc");
const bundle = encodeUtf8("globalThis.canaryRuntime = { call() {} };");
const parts = {
  bundle,
  runtimeVersion: fromHex("0x1c6b7573616d61"),
  apis: [[fromHex("0xed99c5acb25eedf5"), 3]] as Array<[Uint8Array, number]>,
  answers: [
    { entry: "GrandpaApi_grandpa_authorities", key: KEY_A, skip: 1 },
    { entry: "GrandpaApi_current_set_id", key: KEY_B, fallback: new Uint8Array(8) },
  ],
};

/** Instantiates the module with a host that answers `ext_storage_get_version_1` from `storage`, allocating as Substrate's host does (above `__heap_base`). */
async function instantiate(code: Uint8Array, storage: Map<string, Uint8Array>) {
  let memory: WasmMemory | undefined;
  let next = 0;
  const ext_storage_get_version_1 = (keyPtrSize: bigint): bigint => {
    const ptr = Number(keyPtrSize & 0xffffffffn);
    const len = Number(keyPtrSize >> 32n);
    const key = new Uint8Array(memory!.buffer, ptr, len).slice();
    const value = Option(Bytes).enc(storage.get(toHex(key)));
    new Uint8Array(memory!.buffer).set(value, next);
    const out = (BigInt(value.length) << 32n) | BigInt(next);
    next += value.length;
    return out;
  };
  const { instance } = await Wasm.instantiate(code, { env: { ext_storage_get_version_1 } });
  const exports = instance.exports as Record<string, unknown>;
  memory = exports.memory as WasmMemory;
  next = (exports.__heap_base as { value: number }).value;
  memory.grow(1);
  const call = (entry: string): Uint8Array => {
    const r = (exports[entry] as (p: number, l: number) => bigint)(0, 0);
    return new Uint8Array(memory!.buffer, Number(r & 0xffffffffn), Number(r >> 32n)).slice();
  };
  return { exports, call };
}

describe("the runtime envelope", () => {
  it("is a valid WebAssembly module carrying the bundle and both version sections", () => {
    const code = buildRuntimeEnvelope(parts);
    expect(Wasm.validate(code)).toBe(true);
    const sections = customSections(code);
    expect(toHex(sections.get("runtime_version")!)).toBe("0x1c6b7573616d61");
    expect(toHex(sections.get("runtime_apis")!)).toBe("0xed99c5acb25eedf503000000");
    const read = readRuntimeEnvelope(code);
    expect(toHex(read.bundle)).toBe(toHex(bundle));
    expect(toHex(read.runtimeVersion!)).toBe("0x1c6b7573616d61");
  });

  it("is deterministic", () => {
    expect(toHex(buildRuntimeEnvelope(parts))).toBe(toHex(buildRuntimeEnvelope(parts)));
  });

  it("exports memory, __heap_base and the answers, which read storage (skip, compact lengths of every size)", async () => {
    for (const size of [3, 100, 20_000]) {
      const list = new Uint8Array(size).map((_, i) => i & 0xff);
      const storage = new Map([[toHex(KEY_A), concatBytes(Uint8Array.of(1), list)]]);
      const { exports, call } = await instantiate(buildRuntimeEnvelope(parts), storage);
      expect((exports.__heap_base as { value: number }).value).toBeGreaterThan(0);
      expect(toHex(call("GrandpaApi_grandpa_authorities"))).toBe(toHex(list));
    }
  });

  it("answers an absent key with its fallback, or traps when it has none", async () => {
    const { call } = await instantiate(buildRuntimeEnvelope(parts), new Map());
    expect(toHex(call("GrandpaApi_current_set_id"))).toBe("0x0000000000000000");
    expect(() => call("GrandpaApi_grandpa_authorities")).toThrow(/unreachable/);
    const withValue = await instantiate(
      buildRuntimeEnvelope(parts),
      new Map([[toHex(KEY_B), fromHex("0x0500000000000000")]]),
    );
    expect(toHex(withValue.call("GrandpaApi_current_set_id"))).toBe("0x0500000000000000");
  });

  it("passes a bare bundle through and refuses a Wasm module without the bundle", () => {
    expect(readRuntimeEnvelope(bundle).bundle).toBe(bundle);
    const wasmOnly = buildRuntimeEnvelope(parts).slice(0, 8);
    expect(() => readRuntimeEnvelope(wasmOnly)).toThrow(/no canary_runtime section/);
    expect(() => readRuntimeEnvelope(concatBytes(wasmOnly, Uint8Array.of(0, 0xff)))).toThrow(RangeError);
  });
});
