/**
 * Proofs a light client checks against a block's state root.
 *
 * Execution proofs (`light/2` remote calls): a runtime call runs on a
 * block's state through a node store that records every trie node and value it fetches, and those
 * nodes are the proof. A verifier rebuilding the state from them alone reads exactly what the call
 * read — `:code` included, as Substrate's proving backend records it. Calls the runtime envelope
 * answers in Wasm run in that Wasm (what a light client executes), others in the JavaScript runtime.
 */
import { toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { generateProof, type NodeStore } from "@canary/trie";
import { callEnvelopeWasm, envelopeExports } from "../executor/envelopeWasm.ts";
import { BlockState } from "../overlay/index.ts";
import type { Chain } from "./chain.ts";

export interface CallProof {
  output: Uint8Array;
  /** The trie nodes (and hashed values) the call read, sorted by their bytes. */
  proof: Uint8Array[];
}

export function proveCall(chain: Chain, hash: Uint8Array, method: string, input: Uint8Array): CallProof {
  chain.stateAt(hash); // refuses an unknown or pruned block with its own error
  const root = chain.header(hash)!.stateRoot;
  const read = new Map<string, Uint8Array>();
  const recording: NodeStore = {
    get(nodeHash) {
      const node = chain.nodes.get(nodeHash);
      if (node) read.set(toHex(nodeHash), node);
      return node;
    },
  };
  const host = chain.host(new BlockState({ store: recording, root }));
  const code = host.storageGet(WELL_KNOWN_KEYS.code);
  // A call the envelope answers in Wasm is proven by running that Wasm, as the verifier will.
  const output =
    code && envelopeExports(code, method)
      ? callEnvelopeWasm(code, method, input, (key) => host.storageGet(key))
      : chain.callOn(host, method, input);
  return { output, proof: sortedNodes(read) };
}

/**
 * A read proof of `keys` in the default child trie at `prefixedKey`: the top trie's path to the
 * child root, then the child trie's nodes, each once. A child trie that does not exist is proven
 * absent by the top path alone.
 */
export function proveChildRead(
  chain: Chain,
  hash: Uint8Array,
  prefixedKey: Uint8Array,
  keys: Uint8Array[],
): Uint8Array[] {
  const root = chain.host(chain.stateAt(hash)).storageGet(prefixedKey);
  const top = generateProof(chain.nodes, chain.header(hash)!.stateRoot, [prefixedKey]);
  const inChild = root ? generateProof(chain.nodes, root, keys) : [];
  const seen = new Set<string>();
  return [...top, ...inChild].filter((n) => {
    const hex = toHex(n);
    return !seen.has(hex) && seen.add(hex);
  });
}

function sortedNodes(nodes: Map<string, Uint8Array>): Uint8Array[] {
  return [...nodes.values()].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
}
