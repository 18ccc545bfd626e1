/**
 * `childstate_*` and `state_getChildReadProof`: reads of a default child trie. Its root is the
 * value of its prefixed key (`:child_storage:default:` ++ name) in the block's state, and its nodes
 * live in the same node store, so a read walks that trie; a child trie that does not exist reads
 * as empty. Parameters, errors and shapes are sc-rpc's (`ChildStateApi`).
 */
import { blake2_256, bytesEqual, toHex } from "@canary/primitives";
import { EMPTY_TRIE_ROOT, TrieDb } from "@canary/trie";
import { type Chain, proveChildRead } from "../../chain/index.ts";
import { DEFAULT_CHILD_STORAGE_PREFIX } from "../../genesis/index.ts";
import { invalidParams, RPC_CODES, RpcError } from "../errors.ts";
import type { Params, RpcServer } from "../rpcServer.ts";
import { arg, blockAt, bytesArg, optionalBytes } from "./params.ts";
import { forEachKey, ResponseBudget } from "./stateQueries.ts";

const MAX_KEYS_PAGE = 1000;

/** The child trie a prefixed key names at block `at` (empty when it does not exist). */
export function childTrie(chain: Chain, at: Uint8Array, prefixedKey: Uint8Array): TrieDb {
  const p = DEFAULT_CHILD_STORAGE_PREFIX;
  if (prefixedKey.length < p.length || !bytesEqual(prefixedKey.subarray(0, p.length), p)) {
    throw new RpcError(RPC_CODES.stateCallFailed, "Client error: Invalid child storage key");
  }
  const root = chain.host(chain.stateAt(at)).storageGet(prefixedKey);
  return new TrieDb(chain.nodes, root ?? EMPTY_TRIE_ROOT);
}

function keysArg(params: Params, index: number): Uint8Array[] {
  const list = arg(params, index);
  if (!Array.isArray(list)) throw invalidParams("keys must be an array of hex keys");
  return list.map((_, i) => bytesArg(list as never, i, `keys[${i}]`));
}

export function registerChildState(server: Pick<RpcServer, "register" | "alias">, chain: Chain): void {
  const trie = (params: Params, blockIndex: number) =>
    childTrie(chain, blockAt(chain, params, blockIndex), bytesArg(params, 0, "child storage key"));
  const value = (params: Params) => trie(params, 2).get(bytesArg(params, 1, "key"));

  server.register("childstate_getStorage", (params) => {
    const v = value(params);
    return v ? toHex(v) : null;
  });
  server.register("childstate_getStorageHash", (params) => {
    const v = value(params);
    return v ? toHex(blake2_256(v)) : null;
  });
  server.register("childstate_getStorageSize", (params) => value(params)?.length ?? null);
  server.register("childstate_getStorageEntries", (params) => {
    const t = trie(params, 2);
    return keysArg(params, 1).map((k) => {
      const v = t.get(k);
      return v ? toHex(v) : null;
    });
  });
  server.register("childstate_getKeys", (params) => {
    const t = trie(params, 2);
    const prefix = bytesArg(params, 1, "prefix");
    const budget = new ResponseBudget();
    const keys: string[] = [];
    forEachKey(
      (k) => t.nextKey(k),
      (k) => t.get(k) !== undefined,
      prefix,
      (k) => {
        budget.spend(2 * k.length + 5);
        keys.push(toHex(k));
      },
    );
    return keys;
  });
  server.register("childstate_getKeysPaged", (params) => {
    const t = trie(params, 4);
    const prefix = optionalBytes(params, 1, "prefix") ?? new Uint8Array();
    const count = arg(params, 2);
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0)
      throw invalidParams("count is a non-negative integer");
    if (count > MAX_KEYS_PAGE)
      throw new RpcError(
        RPC_CODES.invalidCount,
        `count exceeds maximum value. value: ${count}, max: ${MAX_KEYS_PAGE}`,
      );
    const start = optionalBytes(params, 3, "start key");
    const keys: string[] = [];
    let cursor = start && toHex(start) > toHex(prefix) ? start : prefix;
    if (!start && prefix.length > 0 && t.get(prefix) !== undefined) keys.push(toHex(prefix));
    while (keys.length < count) {
      const next = t.nextKey(cursor);
      if (next === undefined || !bytesEqual(next.subarray(0, prefix.length), prefix)) break;
      keys.push(toHex(next));
      cursor = next;
    }
    return keys;
  });
  server.alias("childstate_getKeysPagedAt", "childstate_getKeysPaged");

  server.register("state_getChildReadProof", (params) => {
    const at = blockAt(chain, params, 2);
    const prefixed = bytesArg(params, 0, "child storage key");
    const keys = keysArg(params, 1);
    childTrie(chain, at, prefixed); // refuses a key that names no default child trie
    return { at: toHex(at), proof: proveChildRead(chain, at, prefixed, keys).map(toHex) };
  });
}
