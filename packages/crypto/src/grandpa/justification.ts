/**
 * GRANDPA justification verification, with the rules of both Substrate
 * (`sc_consensus_grandpa::GrandpaJustification::verify_with_voter_set` over
 * `finality_grandpa::validate_commit`) and smoldot (`finality/verify.rs`); a justification either
 * would refuse is refused:
 * - every signer is in the authority set (smoldot `NotAuthority`) and signs once (`DuplicateSignature`);
 * - every signature is ed25519 over `SCALE((Precommit(target), round, set_id))`;
 * - every precommit targets the commit target or a descendant, shown by `votes_ancestries`
 *   (`validate_commit`); and the hop count must match the block numbers;
 * - the precommits' weight on the commit target reaches `total − floor((total − 1) / 3)`, and no
 *   child of the target reaches it: the commit target is the precommit GHOST (`validate_commit`);
 * - from the first lowest precommit target, every other target is a descendant, and the headers
 *   on those routes are exactly `votes_ancestries` (Substrate's "unused headers" rule).
 */
import {
  blockHash,
  DecodeError,
  GrandpaJustification,
  grandpaVotePayload,
  type Header,
  type GrandpaJustification as Justification,
  toHex,
} from "@canary/primitives";
import { ed25519Verify } from "../ed25519.ts";
import { GrandpaError } from "../errors.ts";

/** A GRANDPA authority set: `(ed25519 key, weight)` pairs, as `AuthorityList` holds them. */
export type GrandpaAuthorities = ReadonlyArray<readonly [Uint8Array, bigint]>;

/** `finality_grandpa::threshold`: the supermajority weight, `total − floor((total − 1) / 3)`. */
export function grandpaThreshold(totalWeight: bigint): bigint {
  const faulty = totalWeight > 0n ? (totalWeight - 1n) / 3n : 0n;
  return totalWeight - faulty;
}

/** Key (hex) → weight; a BAD_AUTHORITY_SET error for an empty set, a zero weight or a repeated key. */
function voterWeights(authorities: GrandpaAuthorities): { weights: Map<string, bigint>; total: bigint } {
  if (authorities.length === 0)
    throw new GrandpaError("GRANDPA_BAD_AUTHORITY_SET", "the authority set is empty");
  const weights = new Map<string, bigint>();
  let total = 0n;
  for (const [key, weight] of authorities) {
    const id = toHex(key);
    if (weight <= 0n)
      throw new GrandpaError(
        "GRANDPA_BAD_AUTHORITY_SET",
        `authority ${id} has weight ${weight}; weights are positive`,
      );
    if (weights.has(id))
      throw new GrandpaError("GRANDPA_BAD_AUTHORITY_SET", `authority ${id} is listed twice`);
    weights.set(id, weight);
    total += weight;
  }
  return { weights, total };
}

export interface JustificationCheck {
  /** The block it must finalize; omit to accept whatever the commit targets. */
  target?: { hash: Uint8Array; number: number };
}

/**
 * Verifies a justification (bytes or decoded) for authority set `setId`; throws a GrandpaError
 * naming the broken rule, returns the decoded justification when it holds.
 */
export function verifyGrandpaJustification(
  justification: Justification | Uint8Array,
  authorities: GrandpaAuthorities,
  setId: bigint,
  check: JustificationCheck = {},
): Justification {
  let j: Justification;
  if (justification instanceof Uint8Array) {
    try {
      j = GrandpaJustification.dec(justification);
    } catch (cause) {
      if (!(cause instanceof DecodeError)) throw cause;
      throw new GrandpaError("GRANDPA_BAD_ENCODING", `the justification does not decode: ${cause.message}`, {
        cause,
      });
    }
  } else j = justification;
  const { commit, round } = j;
  const commitHash = toHex(commit.targetHash);
  if (
    check.target &&
    (toHex(check.target.hash) !== commitHash || check.target.number !== commit.targetNumber)
  )
    throw new GrandpaError(
      "GRANDPA_TARGET_MISMATCH",
      `the justification finalizes #${commit.targetNumber} ${commitHash}, not #${check.target.number} ${toHex(check.target.hash)}`,
    );

  const { weights, total } = voterWeights(authorities);
  if (commit.precommits.length === 0)
    throw new GrandpaError("GRANDPA_NO_PRECOMMITS", "the commit has no precommits");

  // Signers: authorities, once each; then their signatures.
  const seen = new Set<string>();
  commit.precommits.forEach(({ id }, i) => {
    const key = toHex(id);
    if (!weights.has(key))
      throw new GrandpaError(
        "GRANDPA_NOT_AUTHORITY",
        `precommit ${i} is signed by ${key}, not an authority of set ${setId}`,
      );
    if (seen.has(key))
      throw new GrandpaError("GRANDPA_DUPLICATE_VOTER", `authority ${key} signed more than one precommit`);
    seen.add(key);
  });
  commit.precommits.forEach(({ precommit, signature, id }, i) => {
    const payload = grandpaVotePayload({ tag: "Precommit", value: precommit }, round, setId);
    if (!ed25519Verify(signature, payload, id))
      throw new GrandpaError(
        "GRANDPA_BAD_SIGNATURE",
        `precommit ${i} by ${toHex(id)} is not signed for round ${round} of set ${setId}`,
      );
  });

  const headers = new Map<string, Header>();
  for (const header of j.votesAncestries) headers.set(toHex(blockHash(header)), header);

  /** Hashes from `hash` up to (excluding) `base`, or undefined if `base` is not reached. */
  const route = (base: string, hash: string, hops: number): string[] | undefined => {
    const path: string[] = [];
    let cur = hash;
    while (cur !== base) {
      const header = headers.get(cur);
      if (!header || path.length >= headers.size) return undefined;
      path.push(cur);
      cur = toHex(header.parentHash);
    }
    return path.length === hops ? path : undefined;
  };

  // validate_commit: targets at or above the commit target, descending from it; weight; GHOST.
  const threshold = grandpaThreshold(total);
  let weight = 0n;
  const childWeights = new Map<string, bigint>();
  for (const [i, { precommit, id }] of commit.precommits.entries()) {
    const hops = precommit.targetNumber - commit.targetNumber;
    const path = hops >= 0 ? route(commitHash, toHex(precommit.targetHash), hops) : undefined;
    if (!path)
      throw new GrandpaError(
        "GRANDPA_BAD_ANCESTRY",
        `precommit ${i} targets #${precommit.targetNumber} ${toHex(precommit.targetHash)}, which votes_ancestries do not show descends from the commit target #${commit.targetNumber}`,
      );
    const w = weights.get(toHex(id))!;
    weight += w;
    const child = path.at(-1);
    if (child !== undefined) childWeights.set(child, (childWeights.get(child) ?? 0n) + w);
  }
  if (weight < threshold)
    throw new GrandpaError(
      "GRANDPA_NOT_ENOUGH_WEIGHT",
      `the precommits weigh ${weight} of ${total}; finality needs ${threshold}`,
    );
  for (const [child, w] of childWeights)
    if (w >= threshold)
      throw new GrandpaError(
        "GRANDPA_NOT_GHOST",
        `descendant ${child} of the commit target also has supermajority precommits: the commit target is not the GHOST`,
      );

  // Substrate's ancestry proof: routes from the first lowest precommit target use every header.
  let base = commit.precommits[0]!.precommit;
  for (const { precommit } of commit.precommits)
    if (precommit.targetNumber < base.targetNumber) base = precommit;
  const baseHash = toHex(base.targetHash);
  const visited = new Set<string>();
  for (const { precommit } of commit.precommits) {
    const hash = toHex(precommit.targetHash);
    if (hash === baseHash) continue;
    const path = route(baseHash, hash, precommit.targetNumber - base.targetNumber);
    if (!path)
      throw new GrandpaError(
        "GRANDPA_BAD_ANCESTRY",
        `precommit target ${hash} does not descend from the lowest precommit target ${baseHash}`,
      );
    for (const h of path) visited.add(h);
  }
  for (const hash of headers.keys())
    if (!visited.has(hash))
      throw new GrandpaError(
        "GRANDPA_UNUSED_ANCESTRY",
        `votes_ancestries holds header ${hash}, which no precommit needs`,
      );
  return j;
}
