/**
 * The runtime envelope (decision 0006): `:code` is a WebAssembly module that Substrate hosts and
 * light clients accept, carrying Canary's JavaScript runtime in a custom section. It has
 * - `runtime_version` (the SCALE RuntimeVersion, as `Core_version` answers) and `runtime_apis`
 *   (`[u8; 8] id ++ u32 LE version` per API, no length prefix), read by hosts without running code;
 * - `canary_runtime`: the JavaScript bundle, which Canary's executor runs;
 * - exported `memory` and `__heap_base`, and one exported function per runtime call a Wasm host
 *   makes itself (light clients: `BabeApi_configuration`, `GrandpaApi_grandpa_authorities`, …).
 *   Each answers by reading one storage key through `ext_storage_get_version_1`, a value the
 *   JavaScript runtime keeps equal to its own answer.
 * The module is a pure function of its inputs: the same bundle gives the same bytes.
 */
import { concatBytes } from "../hex.ts";
import {
  customSection,
  customSections,
  isWasm,
  name,
  SECTION,
  section,
  sized,
  sleb,
  uleb,
  vector,
  WASM_MAGIC,
} from "./binary.ts";

export const BUNDLE_SECTION = "canary_runtime";
export const VERSION_SECTION = "runtime_version";
export const APIS_SECTION = "runtime_apis";

/** A runtime call answered from storage: the value at `key`, less its first `skip` bytes. */
export interface WasmAnswer {
  readonly entry: string;
  readonly key: Uint8Array;
  readonly skip?: number;
  /** The answer when the key is absent (a ValueQuery's default); none: the call traps. */
  readonly fallback?: Uint8Array;
}

/** A runtime call with one answer whatever its input, fixed at build (the metadata). */
export interface WasmConstant {
  readonly entry: string;
  readonly output: Uint8Array;
}

export interface RuntimeEnvelopeParts {
  readonly bundle: Uint8Array;
  /** Calls answered by constants baked into the module's data. */
  readonly constants?: readonly WasmConstant[];
  /** The SCALE RuntimeVersion (`Core_version`'s output). */
  readonly runtimeVersion: Uint8Array;
  readonly apis: ReadonlyArray<readonly [id: Uint8Array, version: number]>;
  readonly answers: readonly WasmAnswer[];
}

const I32 = 0x7f;
const I64 = 0x7e;
const FUNC = 0x60;
const op = {
  end: 0x0b,
  unreachable: 0x00,
  if: 0x04,
  return: 0x0f,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  i32Load8u: 0x2d,
  i32Const: 0x41,
  i64Const: 0x42,
  i32Eqz: 0x45,
  i32Or: 0x72,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Shl: 0x74,
  i64Or: 0x84,
  i64Shl: 0x86,
  i64ShrU: 0x88,
  i32WrapI64: 0xa7,
  i64ExtendI32U: 0xad,
} as const;
const EMPTY_BLOCK = 0x40;

const fnType = (params: number[], results: number[]) =>
  Uint8Array.of(FUNC, ...uleb(params.length), ...params, ...uleb(results.length), ...results);
const i32c = (v: number) => Uint8Array.of(op.i32Const, ...sleb(v));
const get = (i: number) => Uint8Array.of(op.localGet, ...uleb(i));
const set = (i: number) => Uint8Array.of(op.localSet, ...uleb(i));
const code = (...parts: Array<Uint8Array | number>) =>
  concatBytes(...parts.map((p) => (typeof p === "number" ? Uint8Array.of(p) : p)));
/** `(len << 32) | ptr`: the pointer-size a runtime call returns. */
const pointerSize = (ptr: Uint8Array, len: Uint8Array) =>
  code(len, op.i64ExtendI32U, op.i64Const, ...sleb(32), op.i64Shl, ptr, op.i64ExtendI32U, op.i64Or);

// Function 1, `answer(key_ptr, key_len, skip, fallback_ptr, fallback_len) -> i64`: reads the key,
// strips the Option tag and the compact length (1, 2 or 4 bytes) of the SCALE Option<Vec<u8>>
// the host returns, then `skip` more bytes; with None, the fallback, or a trap if there is none.
// Locals: 5 result ptr, 6 result len, 7 compact length.
function answerFunction(): Uint8Array {
  // Written out step by step: i64 local 8 holds the host's pointer-size.
  const body = code(
    Uint8Array.of(2, 3, I32, 1, I64), // locals 5..7 i32, 8 i64
    pointerSize(get(0), get(1)),
    op.call,
    ...uleb(0),
    set(8),
    get(8),
    op.i32WrapI64,
    set(5),
    get(8),
    op.i64Const,
    ...sleb(32),
    op.i64ShrU,
    op.i32WrapI64,
    set(6),
    // None (or nothing): the fallback, or a trap without one.
    get(6),
    op.i32Eqz,
    get(5),
    op.i32Load8u,
    ...uleb(0),
    ...uleb(0),
    op.i32Eqz,
    op.i32Or,
    op.if,
    EMPTY_BLOCK,
    get(4),
    op.i32Eqz,
    op.if,
    EMPTY_BLOCK,
    op.unreachable,
    op.end,
    pointerSize(get(3), get(4)),
    op.return,
    op.end,
    // The compact length's own size: 1 << (mode), modes 0, 1, 2 (mode 3 is never a short value).
    i32c(1),
    get(5),
    op.i32Load8u,
    ...uleb(0),
    ...uleb(1),
    i32c(3),
    op.i32And,
    op.i32Shl,
    set(7),
    // ptr + 1 + compact + skip, len − 1 − compact − skip
    pointerSize(
      code(get(5), i32c(1), op.i32Add, get(7), op.i32Add, get(2), op.i32Add),
      code(get(6), i32c(1), op.i32Sub, get(7), op.i32Sub, get(2), op.i32Sub),
    ),
    op.end,
  );
  return sized(body);
}

/** Builds the envelope module. Data (keys and fallbacks) sits at the bottom of memory, the heap above it. */
export function buildRuntimeEnvelope(parts: RuntimeEnvelopeParts): Uint8Array {
  const data: Uint8Array[] = [];
  let offset = 16; // address 0 stays unused
  const place = (bytes: Uint8Array) => {
    const at = offset;
    data.push(bytes);
    offset += bytes.length;
    return at;
  };
  const start = offset;
  const exportsFns = parts.answers.map((a) => {
    const keyAt = place(a.key);
    const fallbackAt = a.fallback ? place(a.fallback) : 0;
    const body = code(
      Uint8Array.of(0),
      i32c(keyAt),
      i32c(a.key.length),
      i32c(a.skip ?? 0),
      i32c(fallbackAt),
      i32c(a.fallback?.length ?? 0),
      op.call,
      ...uleb(1),
      op.end,
    );
    return { entry: a.entry, body: sized(body) };
  });
  for (const c of parts.constants ?? []) {
    const at = place(c.output);
    // `(len << 32) | ptr` of the constant, whatever the input.
    const body = code(Uint8Array.of(0), pointerSize(i32c(at), i32c(c.output.length)), op.end);
    exportsFns.push({ entry: c.entry, body: sized(body) });
  }
  const heapBase = (offset + 15) & ~15;
  const types = vector([
    fnType([I64], [I64]),
    fnType([I32, I32, I32, I32, I32], [I64]),
    fnType([I32, I32], [I64]),
  ]);
  const imports = vector([code(name("env"), name("ext_storage_get_version_1"), 0x00, ...uleb(0))]);
  const functions = vector([uleb(1), ...exportsFns.map(() => uleb(2))]);
  const memory = vector([Uint8Array.of(0x00, ...uleb(Math.max(1, Math.ceil(heapBase / 65536))))]);
  const globals = vector([code(I32, 0x00, i32c(heapBase), op.end)]);
  const exports = vector([
    code(name("memory"), 0x02, ...uleb(0)),
    code(name("__heap_base"), 0x03, ...uleb(0)),
    ...exportsFns.map((f, i) => code(name(f.entry), 0x00, ...uleb(i + 2))),
  ]);
  const bodies = vector([answerFunction(), ...exportsFns.map((f) => f.body)]);
  const dataSection = vector([code(0x00, i32c(start), op.end, sized(concatBytes(...data)))]);
  const apis = concatBytes(...parts.apis.map(([id, version]) => concatBytes(id, u32le(version))));
  return concatBytes(
    WASM_MAGIC,
    section(SECTION.type, types),
    section(SECTION.import, imports),
    section(SECTION.function, functions),
    section(SECTION.memory, memory),
    section(SECTION.global, globals),
    section(SECTION.export, exports),
    section(SECTION.code, bodies),
    section(SECTION.data, dataSection),
    customSection(VERSION_SECTION, parts.runtimeVersion),
    customSection(APIS_SECTION, apis),
    customSection(BUNDLE_SECTION, parts.bundle),
  );
}

function u32le(v: number): Uint8Array {
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

export interface RuntimeEnvelope {
  readonly bundle: Uint8Array;
  readonly runtimeVersion?: Uint8Array;
  readonly runtimeApis?: Uint8Array;
}

/**
 * The JavaScript bundle of `:code` and, for an envelope, its version sections. Code that is not
 * Wasm is a bare bundle (test runtimes, chains from before the envelope). Throws a RangeError for
 * a Wasm module without the bundle section, naming what is missing.
 */
export function readRuntimeEnvelope(code: Uint8Array): RuntimeEnvelope {
  if (!isWasm(code)) return { bundle: code };
  const sections = customSections(code);
  const bundle = sections.get(BUNDLE_SECTION);
  if (!bundle) {
    throw new RangeError(
      `the WebAssembly module has no ${BUNDLE_SECTION} section: it is not a Canary runtime (a Wasm-only runtime cannot run on Canary)`,
    );
  }
  const runtimeVersion = sections.get(VERSION_SECTION);
  const runtimeApis = sections.get(APIS_SECTION);
  return {
    bundle,
    ...(runtimeVersion ? { runtimeVersion } : {}),
    ...(runtimeApis ? { runtimeApis } : {}),
  };
}
