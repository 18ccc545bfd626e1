/**
 * Answers `light/2` requests from the chain: remote calls with their execution proof, storage
 * reads (top and default child tries) with their read proof. A request naming an unknown or pruned
 * block, or a call that fails, gets no answer (the stream closes), as Substrate's handler does; one
 * beyond the protocol's limits is a NETWORK_BAD_REQUEST, which costs the peer.
 */

import { type Chain, proveCall, proveChildRead } from "../chain/index.ts";
import { DEFAULT_CHILD_STORAGE_PREFIX } from "../genesis/index.ts";
import { NetworkError } from "./errors.ts";
import type { LightRequest, LightResponse } from "./lightMessages.ts";

/** At most this many keys in one read request. */
export const MAX_LIGHT_READ_KEYS = 1_024;

export function answerLightRequest(chain: Chain, req: LightRequest): LightResponse {
  if (req.kind === "call")
    return { kind: "call", proof: proveCall(chain, req.block, req.method, req.data).proof };
  if (req.keys.length > MAX_LIGHT_READ_KEYS) {
    throw new NetworkError(
      "NETWORK_BAD_REQUEST",
      `a light/2 read of ${req.keys.length} keys (at most ${MAX_LIGHT_READ_KEYS} in one request)`,
    );
  }
  if (req.kind === "read") return { kind: "read", proof: chain.readProof(req.block, req.keys) };
  const p = DEFAULT_CHILD_STORAGE_PREFIX;
  if (req.storageKey.length < p.length || p.some((b, i) => req.storageKey[i] !== b)) {
    throw new NetworkError(
      "NETWORK_BAD_REQUEST",
      "a light/2 child read of a key outside :child_storage:default:",
    );
  }
  return { kind: "read", proof: proveChildRead(chain, req.block, req.storageKey, req.keys) };
}
