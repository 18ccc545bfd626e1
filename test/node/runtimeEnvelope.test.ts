/**
 * The relay's `:code` is the runtime envelope (decision 0006): a WebAssembly module a Substrate
 * host or light client accepts, whose exported runtime calls give, from the chain's state, the
 * same answers as the JavaScript runtime it carries.
 */
import { RuntimeVersionCodec } from "@canary/frame";
import { BlockState, buildGenesisInMemory, Executor, NodeHost } from "@canary/node";
import {
  Bytes,
  customSections,
  isWasm,
  Option,
  storagePrefix,
  toHex,
  u64,
  WELL_KNOWN_KEYS,
} from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";
import { beforeAll, describe, expect, it } from "vitest";
import { relayRuntimeCode } from "../../packages/node/src/service/runtimeCode.ts";

interface WasmApi {
  instantiate(code: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Runs `entry` of the envelope as a Wasm host would, over `storage`. */
async function wasmCall(
  code: Uint8Array,
  storage: Map<string, Uint8Array>,
  entry: string,
): Promise<Uint8Array> {
  let buffer = (): ArrayBuffer => new ArrayBuffer(0);
  let next = 0;
  const ext_storage_get_version_1 = (key: bigint): bigint => {
    const bytes = new Uint8Array(buffer(), Number(key & 0xffffffffn), Number(key >> 32n)).slice();
    const value = Option(Bytes).enc(storage.get(toHex(bytes)));
    new Uint8Array(buffer()).set(value, next);
    const out = (BigInt(value.length) << 32n) | BigInt(next);
    next += value.length;
    return out;
  };
  const { instance } = await Wasm.instantiate(code, { env: { ext_storage_get_version_1 } });
  const memory = instance.exports.memory as { buffer: ArrayBuffer; grow(n: number): number };
  buffer = () => memory.buffer;
  next = (instance.exports.__heap_base as { value: number }).value;
  memory.grow(2);
  const r = (instance.exports[entry] as (p: number, l: number) => bigint)(0, 0);
  return new Uint8Array(memory.buffer, Number(r & 0xffffffffn), Number(r >> 32n)).slice();
}

let code: Uint8Array;
let storage: Map<string, Uint8Array>;
const executor = new Executor();

/** The JavaScript runtime's answer over `storage`. */
function jsCall(entry: string, over: Map<string, Uint8Array>): Uint8Array {
  const state = new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT });
  for (const [k, v] of over) state.overlay.set(Uint8Array.from(Buffer.from(k.slice(2), "hex")), v);
  return executor.call(code, entry, new Uint8Array(), new NodeHost(state));
}

beforeAll(async () => {
  code = await relayRuntimeCode();
  const genesis = buildGenesisInMemory(executor, code, { preset: "local_testnet" });
  storage = new Map(genesis.storage.map(([k, v]) => [toHex(k), v]));
});

describe("the relay's :code", () => {
  it("is a WebAssembly module whose runtime_version section is the runtime's Core_version", () => {
    expect(isWasm(code)).toBe(true);
    const sections = customSections(code);
    const version = RuntimeVersionCodec.dec(sections.get("runtime_version")!);
    expect(version.spec_name).toBe("canary");
    expect(toHex(sections.get("runtime_version")!)).toBe(toHex(jsCall("Core_version", storage)));
    // runtime_apis: each API's id and version, as the version lists them.
    const apis = sections.get("runtime_apis")!;
    expect(apis.length).toBe(version.apis.length * 12);
    expect(toHex(apis.subarray(0, 8))).toBe(toHex(version.apis[0]![0]));
    expect(toHex(storage.get(toHex(WELL_KNOWN_KEYS.code))!)).toBe(toHex(code));
  });

  it("answers BabeApi and GrandpaApi in Wasm as the JavaScript runtime does, from the state", async () => {
    for (const entry of [
      "BabeApi_configuration",
      "BabeApi_current_epoch",
      "BabeApi_next_epoch",
      "GrandpaApi_grandpa_authorities",
      "GrandpaApi_current_set_id",
    ]) {
      expect(toHex(await wasmCall(code, storage, entry))).toBe(toHex(jsCall(entry, storage)));
    }
    const changed = new Map(storage);
    changed.set(toHex(storagePrefix("Grandpa", "CurrentSetId")), u64.enc(5n));
    const setId = await wasmCall(code, changed, "GrandpaApi_current_set_id");
    expect(toHex(setId)).toBe(toHex(u64.enc(5n)));
    expect(toHex(setId)).toBe(toHex(jsCall("GrandpaApi_current_set_id", changed)));
  });
});
