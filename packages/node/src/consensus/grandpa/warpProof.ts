/**
 * Warp proofs (`sc_consensus_grandpa::warp_proof::WarpSyncProof::generate`): from a finalized
 * block, the header of each later block that enacts an authority-set change with its
 * justification by the outgoing set, then the newest justification, so that a light client
 * holding the set of `begin` reaches the finalized head by checking one justification per set.
 * A proof stops short of `MAX_WARP_PROOF_SIZE` (is_finished false: the client asks again from the
 * last fragment). Fragments are assembled from the stored bytes, never re-encoded.
 */
import {
  bytesEqual,
  compactU32,
  concatBytes,
  GRANDPA_ENGINE_ID,
  Header,
  MAX_WARP_PROOF_SIZE,
  toHex,
} from "@canary/primitives";
import type { Chain } from "../../chain/chain.ts";
import { NetworkError } from "../../network/errors.ts";

/** Room left for the Vec length and is_finished (Substrate's margin). */
const MARGIN = 50;

/** The SCALE `WarpSyncProof` from `begin`; a NetworkError NETWORK_BAD_REQUEST when `begin` is not a finalized block here. */
export function warpProof(chain: Chain, begin: Uint8Array, maxSize = MAX_WARP_PROOF_SIZE): Uint8Array {
  const header = chain.header(begin);
  const finalized = chain.finalized();
  if (
    !header ||
    header.number > finalized.number ||
    !bytesEqual(chain.blocks.hashAt(header.number) ?? new Uint8Array(), begin)
  ) {
    throw new NetworkError(
      "NETWORK_BAD_REQUEST",
      `a warp proof from ${toHex(begin)}, which is not a finalized block here (finalized: #${finalized.number})`,
    );
  }
  const fragments: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  let lastNumber = header.number;
  const add = (hash: Uint8Array, justification: Uint8Array): boolean => {
    const fragment = concatBytes(Header.enc(chain.header(hash)!), justification);
    if (size + fragment.length >= maxSize - MARGIN) return false;
    size += fragment.length;
    fragments.push(fragment);
    return true;
  };
  for (const change of chain.blocks.setChanges(header.number + 1)) {
    const justification = grandpaJustification(chain, change.hash);
    // Without it the chain of hand-offs breaks here: prove what comes before (Substrate errors).
    if (!justification) break;
    if (!add(change.hash, justification)) {
      cut = true;
      break;
    }
    lastNumber = change.number;
  }
  if (!cut) {
    const latest = chain.latestJustification();
    const latestNumber = latest && chain.header(latest.hash)?.number;
    // The newest justification ends the proof when it is past the last change (or from `begin` on).
    const limit = fragments.length > 0 ? lastNumber + 1 : header.number;
    if (latest && latestNumber !== undefined && latestNumber >= limit)
      cut = !add(latest.hash, latest.justification);
  }
  return concatBytes(compactU32.enc(fragments.length), ...fragments, Uint8Array.of(cut ? 0 : 1));
}

function grandpaJustification(chain: Chain, hash: Uint8Array): Uint8Array | undefined {
  return chain.blocks.justifications(hash)?.find(([engine]) => bytesEqual(engine, GRANDPA_ENGINE_ID))?.[1];
}
