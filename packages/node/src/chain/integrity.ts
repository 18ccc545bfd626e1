/**
 * The database's integrity check, run before a node uses an existing database. LMDB keeps no
 * checksums, so a flipped bit in a value goes unnoticed by it and a damaged page may end the
 * process; this reads every entry of every table (run in a child process, integrityProcess.ts, so
 * that a crash inside LMDB becomes a refusal) and checks what the chain's layout promises:
 *
 * - every header hashes to its key, and every trie node (and hashed value) to its key;
 * - the canonical chain runs from genesis to the best block, each block the child of the one
 *   below, with its body matching the header's extrinsics root;
 * - the best and finalized blocks are canonical, and so is the last finalized block the record
 *   beside the database names (a database rolled back or emptied is caught);
 * - every retained canonical state (above the pruned height) has all its trie nodes.
 */
import { blake2_256, bytesEqual, type Header, Header as HeaderCodec, toHex } from "@canary/primitives";
import { decodeNode, EMPTY_TRIE_ROOT, orderedTrieRoot } from "@canary/trie";
import {
  blockNumberKey,
  type DatabaseReader,
  type DbRecord,
  metaKeys,
  readBlockNumber,
  TABLES,
} from "../db/index.ts";
import { BlockStore } from "./blockStore.ts";

export interface IntegrityReport {
  blocks: number;
  trieNodes: number;
  entries: number;
}

/** A reason the database is damaged, in words for the operator. */
export class IntegrityProblem extends Error {}

export function checkIntegrity(
  db: DatabaseReader,
  genesisHash: Uint8Array,
  record: DbRecord | undefined,
): IntegrityReport {
  const fail = (what: string): never => {
    throw new IntegrityProblem(what);
  };
  // 1. Every page: read every entry of every table.
  let entries = 0;
  const headers = new Map<string, Header>();
  let trieNodes = 0;
  for (const table of TABLES) {
    for (const { key, value } of db.entries(table)) {
      entries++;
      if (table === "header") {
        if (key.length !== 32 || !bytesEqual(blake2_256(value), key))
          fail(`the header stored under ${toHex(key).slice(0, 18)}… does not hash to its key`);
        try {
          headers.set(toHex(key), HeaderCodec.dec(value));
        } catch {
          fail(`the header ${toHex(key).slice(0, 18)}… cannot be decoded`);
        }
      } else if (table === "trieNode") {
        trieNodes++;
        if (key.length !== 32 || !bytesEqual(blake2_256(value), key))
          fail(`the trie node stored under ${toHex(key).slice(0, 18)}… does not hash to its key`);
      } else if (table === "trieNodeRefs" && value.length !== 4) {
        fail(`a trie node reference count is ${value.length} bytes, not 4`);
      } else if (table === "canonicalHash" && (key.length !== 4 || value.length !== 32)) {
        fail("an entry of the canonical chain is malformed");
      }
    }
  }
  const blocks = new BlockStore(db);
  const canonicalAt = (n: number) => db.get("canonicalHash", blockNumberKey(n));
  const hashOf = (key: Uint8Array) => db.get("meta", key);
  const best = hashOf(metaKeys.bestBlock) ?? fail("it has no best block");
  const finalized = hashOf(metaKeys.finalizedBlock) ?? fail("it has no finalized block");
  const bestHeader = headers.get(toHex(best)) ?? fail(`its best block ${toHex(best)} is missing`);
  const finalizedHeader =
    headers.get(toHex(finalized)) ?? fail(`its finalized block ${toHex(finalized)} is missing`);

  // 2. The canonical chain, genesis to best.
  let parent: Uint8Array | undefined;
  for (let n = 0; n <= bestHeader.number; n++) {
    const hash =
      canonicalAt(n) ?? fail(`the canonical block #${n} is missing (best is #${bestHeader.number})`);
    if (n === 0 && !bytesEqual(hash, genesisHash)) fail("its block #0 is not this chain's genesis");
    const header = headers.get(toHex(hash)) ?? fail(`the header of canonical block #${n} is missing`);
    if (header.number !== n) fail(`the canonical block #${n} has number ${header.number}`);
    if (parent && !bytesEqual(header.parentHash, parent))
      fail(`block #${n} is not the child of block #${n - 1}`);
    let extrinsics: Uint8Array[] | undefined;
    try {
      extrinsics = blocks.body(hash);
    } catch {
      fail(`the body of block #${n} cannot be decoded`);
    }
    if (!extrinsics) fail(`the body of block #${n} is missing`);
    if (!bytesEqual(orderedTrieRoot(extrinsics!, 0), header.extrinsicsRoot))
      fail(`the body of block #${n} does not match its header's extrinsics root`);
    parent = hash;
  }
  if (!bytesEqual(canonicalAt(bestHeader.number) ?? new Uint8Array(), best))
    fail("its best block is not on its canonical chain");
  if (canonicalAt(bestHeader.number + 1)) fail("its canonical chain goes on past its best block");
  if (!bytesEqual(canonicalAt(finalizedHeader.number) ?? new Uint8Array(), finalized))
    fail("its finalized block is not on its canonical chain");
  for (const key of db.keys("blockNumber")) {
    const header = headers.get(toHex(key.slice(4)));
    if (!header || header.number !== readBlockNumber(key))
      fail("its index of blocks by number names a missing block");
  }

  // 3. The record beside the database: the chain it names, and its finalized block still there.
  if (record) {
    if (record.genesisHash !== toHex(genesisHash)) fail(`it is not the chain its ${"record"} names`);
    if (finalizedHeader.number < record.finalized.number)
      fail(
        `its finalized block is #${finalizedHeader.number}, but #${record.finalized.number} had been finalized: data was lost`,
      );
    const atRecord = canonicalAt(record.finalized.number);
    if (!atRecord || toHex(atRecord) !== record.finalized.hash)
      fail(`the finalized block #${record.finalized.number} it had is gone`);
  }

  // 4. Every retained canonical state is whole.
  const prunedRaw = db.get("meta", metaKeys.prunedTo);
  const prunedTo = prunedRaw ? new DataView(prunedRaw.buffer, prunedRaw.byteOffset, 4).getUint32(0) : -1;
  const seen = new Set<string>();
  for (let n = Math.max(0, prunedTo + 1); n <= bestHeader.number; n++) {
    const header = headers.get(toHex(canonicalAt(n)!))!;
    walkState(db, header.stateRoot, seen, (what) => fail(`the state of block #${n} ${what}`));
  }
  return { blocks: headers.size, trieNodes, entries };
}

function walkState(
  db: DatabaseReader,
  root: Uint8Array,
  seen: Set<string>,
  fail: (what: string) => never,
): void {
  if (bytesEqual(root, EMPTY_TRIE_ROOT)) return;
  const stack: Uint8Array[] = [root];
  while (stack.length > 0) {
    const ref = stack.pop()!;
    let data: Uint8Array;
    if (ref.length === 32) {
      const hex = toHex(ref);
      if (seen.has(hex)) continue;
      seen.add(hex);
      data = db.get("trieNode", ref) ?? fail(`lacks trie node ${hex.slice(0, 18)}…`);
    } else data = ref; // an inline child
    let node: ReturnType<typeof decodeNode>;
    try {
      node = decodeNode(data);
    } catch {
      fail("has a trie node that cannot be decoded");
    }
    if (node.kind === "empty") continue;
    if (node.value?.hashed) {
      const hex = toHex(node.value.hash);
      if (!seen.has(hex)) {
        seen.add(hex);
        if (!db.has("trieNode", node.value.hash)) fail(`lacks the value ${hex.slice(0, 18)}…`);
      }
    }
    if (node.kind === "branch") for (const child of node.children) if (child) stack.push(child);
  }
}
