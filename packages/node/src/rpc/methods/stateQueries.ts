/**
 * Substrate's state methods beyond the everyday ones: `state_queryStorage` (history of keys over
 * a range of blocks, what polkadot.js `.range()` calls), `state_getKeys` and `state_getPairs`
 * (everything under a prefix), with sc-rpc's safety, limits, errors and result shapes. A response
 * that would pass the server's size limit stops early with jsonrpsee's "Response is too big".
 */
import { type Header, toHex } from "@canary/primitives";
import type { BlockRef, Chain } from "../../chain/index.ts";
import type { NodeHost } from "../../overlay/index.ts";
import { invalidParams, RPC_CODES, RpcError } from "../errors.ts";
import type { Params } from "../rpcServer.ts";
import { arg, blockAt, bytesArg, optionalBytes } from "./params.ts";

/** The server's default response limit (15 MiB), which these methods check as they go. */
export const MAX_RESPONSE_BYTES = 15 * 1024 * 1024;

/** Counts a response's JSON size while it is built; past the limit, the call fails at once. */
export class ResponseBudget {
  #used = 0;
  readonly #limit: number;

  constructor(limit = MAX_RESPONSE_BYTES) {
    this.#limit = limit;
  }

  /** Adds `bytes` (an estimate of the JSON text); throws -32008 past the limit. */
  spend(bytes: number): void {
    this.#used += bytes;
    if (this.#used > this.#limit)
      throw new RpcError(
        RPC_CODES.responseTooBig,
        "Response is too big",
        `Exceeded max limit of ${this.#limit}`,
      );
  }
}

/** JSON size of a hex string of `n` bytes with its quotes and separator. */
const hexJson = (n: number): number => 2 * n + 5;

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/** Every key of `host`'s state under `prefix`, in order, `visit`ed one by one. */
export function forEachKey(
  next: (key: Uint8Array) => Uint8Array | undefined,
  exists: (key: Uint8Array) => boolean,
  prefix: Uint8Array,
  visit: (key: Uint8Array) => void,
): void {
  if (exists(prefix)) visit(prefix);
  for (let key = next(prefix); key !== undefined && startsWith(key, prefix); key = next(key)) visit(key);
}

const hostKeys = (host: NodeHost) => ({
  next: (k: Uint8Array) => host.storageNextKey(k),
  exists: (k: Uint8Array) => host.storageExists(k),
});

/** `state_getKeys(prefix, at?)`: every key under the prefix (safe, as in sc-rpc). */
export function getKeys(chain: Chain, params: Params): string[] {
  const prefix = bytesArg(params, 0, "prefix");
  const host = chain.host(chain.stateAt(blockAt(chain, params, 1)));
  const budget = new ResponseBudget();
  const keys: string[] = [];
  const { next, exists } = hostKeys(host);
  forEachKey(next, exists, prefix, (k) => {
    budget.spend(hexJson(k.length));
    keys.push(toHex(k));
  });
  return keys;
}

/** `state_getPairs(prefix, at?)`: every key under the prefix with its value (unsafe, as in sc-rpc). */
export function getPairs(chain: Chain, params: Params): Array<[string, string]> {
  const prefix = bytesArg(params, 0, "prefix");
  const host = chain.host(chain.stateAt(blockAt(chain, params, 1)));
  const budget = new ResponseBudget();
  const pairs: Array<[string, string]> = [];
  const { next, exists } = hostKeys(host);
  forEachKey(next, exists, prefix, (k) => {
    const value = host.storageGet(k) ?? new Uint8Array();
    budget.spend(hexJson(k.length) + hexJson(value.length) + 3);
    pairs.push([toHex(k), toHex(value)]);
  });
  return pairs;
}

type ChangeSet = { block: string; changes: Array<[string, string | null]> };

/** `Cannot resolve a block range [...]` (4001), sc-rpc's words with the ends as it prints them. */
function invalidRange(from: BlockRef | undefined, to: BlockRef | undefined, details: string): RpcError {
  const show = (b: BlockRef | undefined) =>
    b === undefined ? '"unknown hash"' : `"${b.number} (${toHex(b.hash)})"`;
  return new RpcError(
    RPC_CODES.invalidBlockRange,
    `Cannot resolve a block range ['${show(from)}' ... '${show(to)}]. ${details}`,
  );
}

/**
 * The blocks from `from` to `to` (inclusive), walking `to`'s parents: `from` must be `to` or one of
 * its ancestors.
 */
export function blockRange(chain: Chain, from: Uint8Array, to: Uint8Array): Uint8Array[] {
  const ref = (hash: Uint8Array, h: Header | undefined) => (h ? { hash, number: h.number } : undefined);
  const fromHeader = chain.header(from);
  const toHeader = chain.header(to);
  const fromRef = ref(from, fromHeader);
  const toRef = ref(to, toHeader);
  if (!fromHeader || !toHeader || fromHeader.number > toHeader.number)
    throw invalidRange(fromRef, toRef, "Invalid range or unknown block");
  const blocks = [to];
  let last = toHeader;
  let lastHash = to;
  while (last.number > fromHeader.number) {
    const parent = chain.header(last.parentHash);
    if (!parent)
      throw invalidRange(fromRef, toRef, `Parent of ${last.number} (${toHex(lastHash)}) not found`);
    lastHash = last.parentHash;
    last = parent;
    blocks.push(lastHash);
  }
  if (toHex(lastHash) !== toHex(from))
    throw invalidRange(fromRef, toRef, `Expected to reach \`from\`, got ${last.number} (${toHex(lastHash)})`);
  return blocks.reverse();
}

/**
 * `state_queryStorage(keys, from, to?)`: for each block of the range, the keys whose value differs
 * from the block before (all of them at `from`), blocks without a change left out (sc-rpc's
 * `query_storage_unfiltered`).
 */
export function queryStorage(chain: Chain, params: Params): ChangeSet[] {
  const list = arg(params, 0);
  if (!Array.isArray(list)) throw invalidParams("keys must be an array of hex keys");
  const keys = list.map((_, i) => bytesArg(list as never, i, `keys[${i}]`));
  const from = bytesArg(params, 1, "from block hash");
  const to = optionalBytes(params, 2, "to block hash") ?? chain.best().hash;
  const blocks = blockRange(chain, from, to);
  const budget = new ResponseBudget();
  const last = new Map<string, string | null>();
  const out: ChangeSet[] = [];
  for (const block of blocks) {
    const host = chain.host(chain.stateAt(block));
    const changes: Array<[string, string | null]> = [];
    for (const key of keys) {
      const id = toHex(key);
      const value = host.storageGet(key);
      const now = value ? toHex(value) : null;
      if (last.has(id) && last.get(id) === now) continue;
      last.set(id, now);
      budget.spend(hexJson(key.length) + (value ? hexJson(value.length) : 5) + 3);
      changes.push([id, now]);
    }
    if (changes.length > 0) {
      budget.spend(hexJson(32) + 24);
      out.push({ block: toHex(block), changes });
    }
  }
  return out;
}

/** How long a `state_getStorageSize` over a prefix may take (sc-rpc's `MAXIMUM_SAFE_RPC_CALL_TIMEOUT`). */
const SIZE_TIMEOUT_MS = 30_000;

/**
 * `state_getStorageSize(key)`: the size of the key's value; without one, the summed size of the
 * values under it as a prefix (a whole map's size), null when nothing is there, as sc-rpc answers.
 */
export function storageSize(host: NodeHost, key: Uint8Array, timeoutMs = SIZE_TIMEOUT_MS): number | null {
  const value = host.storageGet(key);
  if (value) return value.length;
  const started = performance.now();
  let sum = 0;
  const { next, exists } = hostKeys(host);
  forEachKey(next, exists, key, (k) => {
    sum += host.storageGet(k)?.length ?? 0;
    if (performance.now() - started > timeoutMs)
      throw new RpcError(RPC_CODES.stateCallFailed, "Client error: Detected RPC call timeout");
  });
  return sum > 0 ? sum : null;
}
