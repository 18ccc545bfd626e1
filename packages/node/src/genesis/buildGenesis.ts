/**
 * The raw genesis storage from a runtime bundle (DESIGN.md §1): the runtime's GenesisBuilder
 * turns a preset (or a full config) into storage on an empty state, and the host adds `:code`.
 * The genesis header commits to that storage's root.
 */
import { type ApiClient, GenesisBuilderApi, type HostApi, runtimeApiClient } from "@canary/frame";
import {
  bytesEqual,
  compareBytes,
  decodeUtf8,
  encodeUtf8,
  type Header,
  toHex,
  WELL_KNOWN_KEYS,
} from "@canary/primitives";
import { EMPTY_TRIE_ROOT, trieRoot } from "@canary/trie";
import type { Executor } from "../executor/index.ts";
import { GenesisError } from "./errors.ts";
import { GenesisHost } from "./genesisStorage.ts";

const CODE_KEY = WELL_KNOWN_KEYS.code;

/** A fresh empty state the runtime writes genesis into, and what it wrote (in key order). */
export interface GenesisState {
  host: HostApi;
  entries(): Array<[Uint8Array, Uint8Array]>;
}

export type GenesisSource = { preset: string } | { config: Uint8Array };

export interface Genesis {
  /** Sorted by key, `:code` included, and each child trie's root under its prefixed key. */
  storage: Array<[Uint8Array, Uint8Array]>;
  /** Default child tries (a raw chain spec's `childrenDefault`): unprefixed child key, entries sorted. */
  children?: GenesisChild[];
  header: Header;
}

export type GenesisChild = [key: Uint8Array, entries: Array<[Uint8Array, Uint8Array]>];

/** `:child_storage:default:`, under which the top trie holds each default child trie's root. */
export const DEFAULT_CHILD_STORAGE_PREFIX = new TextEncoder().encode(":child_storage:default:");

/** The preset names the runtime offers (`GenesisBuilder_preset_names`). */
export function genesisPresets(executor: Executor, code: Uint8Array, state: GenesisState): string[] {
  return genesisBuilder(executor, code, state)
    .preset_names()
    .map((id) => decodeUtf8(id) ?? "");
}

/** The JSON config of a preset, as the runtime gives it; throws for an unknown preset. */
export function genesisPresetConfig(
  executor: Executor,
  code: Uint8Array,
  preset: string,
  state: GenesisState,
): Uint8Array {
  const config = genesisBuilder(executor, code, state).get_preset(encodeUtf8(preset));
  if (config === undefined) {
    const known = genesisPresets(executor, code, state).join(", ");
    throw new GenesisError(
      "GENESIS_UNKNOWN_PRESET",
      `the runtime has no genesis preset "${preset}" (it has: ${known})`,
    );
  }
  return config;
}

export function buildGenesis(
  executor: Executor,
  code: Uint8Array,
  source: GenesisSource,
  newState: () => GenesisState,
): Genesis {
  const config =
    "preset" in source ? genesisPresetConfig(executor, code, source.preset, newState()) : source.config;
  const state = newState();
  const result = genesisBuilder(executor, code, state).build_state(config);
  if (!result.ok)
    throw new GenesisError("GENESIS_BUILD_FAILED", `the runtime refused the genesis config: ${result.error}`);
  return genesisFromStorage(withCode(state.entries(), code));
}

/** Sorted `storage` with `code` at `:code` (the runtime's own `:code`, if it wrote one, replaced). */
function withCode(
  storage: Array<[Uint8Array, Uint8Array]>,
  code: Uint8Array,
): Array<[Uint8Array, Uint8Array]> {
  let lo = 0;
  let hi = storage.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(storage[mid]![0], CODE_KEY) < 0) lo = mid + 1;
    else hi = mid;
  }
  const replaces = lo < storage.length && bytesEqual(storage[lo]![0], CODE_KEY);
  storage.splice(lo, replaces ? 1 : 0, [CODE_KEY, code]);
  return storage;
}

/** The runtime's GenesisBuilder, run by `executor` from `code` on `state`. */
function genesisBuilder(
  executor: Executor,
  code: Uint8Array,
  state: GenesisState,
): ApiClient<typeof GenesisBuilderApi> {
  return runtimeApiClient(GenesisBuilderApi, (entry, input) => executor.call(code, entry, input, state.host));
}

/**
 * The genesis block over raw storage (a chain spec's `genesis.raw.top`), which must hold `:code`,
 * and its default child tries (`genesis.raw.childrenDefault`): each child's root joins the top
 * storage under `:child_storage:default:` ++ its key, as in Substrate.
 */
export function genesisFromStorage(
  entries: Array<[Uint8Array, Uint8Array]>,
  childrenDefault: GenesisChild[] = [],
): Genesis {
  const children = childrenDefault.map(
    ([key, kv]): GenesisChild => [key, [...kv].sort(([a], [b]) => compareBytes(a, b))],
  );
  const childRoots = children
    .filter(([, kv]) => kv.length > 0)
    .map(([key, kv]): [Uint8Array, Uint8Array] => [
      new Uint8Array([...DEFAULT_CHILD_STORAGE_PREFIX, ...key]),
      trieRoot(kv, 1),
    ]);
  // A runtime's build comes sorted: no copy, no sort.
  const storage =
    childRoots.length === 0 && isSorted(entries)
      ? entries
      : [...entries, ...childRoots].sort(([a], [b]) => compareBytes(a, b));
  if (!storage.some(([k]) => bytesEqual(k, CODE_KEY)))
    throw new GenesisError(
      "GENESIS_NO_CODE",
      "the genesis storage has no runtime code under :code (0x3a636f6465)",
    );
  for (let i = 1; i < storage.length; i++) {
    if (bytesEqual(storage[i - 1]![0], storage[i]![0]))
      throw new GenesisError(
        "GENESIS_DUPLICATE_KEY",
        `the genesis storage has key ${toHex(storage[i]![0])} twice`,
      );
  }
  const header: Header = {
    parentHash: new Uint8Array(32),
    number: 0,
    stateRoot: trieRoot(storage, 1),
    extrinsicsRoot: EMPTY_TRIE_ROOT.slice(),
    digest: [],
  };
  return children.length > 0 ? { storage, children, header } : { storage, header };
}

function isSorted(entries: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): boolean {
  for (let i = 1; i < entries.length; i++)
    if (compareBytes(entries[i - 1]![0], entries[i]![0]) > 0) return false;
  return true;
}

export interface InMemoryGenesisOptions {
  /**
   * Called after every `collectEvery` (default 25,000) storage writes of the runtime. Building a large genesis
   * is one runtime call that allocates at a high rate; V8 grows its heap instead of collecting
   * until it ends (100,000 accounts: ~130 MiB more at the peak). The node passes a full GC.
   */
  collectGarbage?: () => void;
  collectEvery?: number;
}

/** `buildGenesis` on a throwaway in-memory state (genesisStorage.ts): what a node, a tool or a test needs. */
export function buildGenesisInMemory(
  executor: Executor,
  code: Uint8Array,
  source: GenesisSource,
  options: InMemoryGenesisOptions = {},
): Genesis {
  const { collectGarbage, collectEvery = 25_000 } = options;
  const newState = (): GenesisState => {
    const host = new GenesisHost();
    if (collectGarbage) {
      const set = host.storageSet.bind(host);
      let writes = 0;
      host.storageSet = (key, value) => {
        if (++writes % collectEvery === 0) collectGarbage();
        set(key, value);
      };
    }
    return { host, entries: () => host.storage.entries() };
  };
  return buildGenesis(executor, code, source, newState);
}
