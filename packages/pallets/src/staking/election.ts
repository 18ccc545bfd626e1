/**
 * The on-chain NPoS election (Kusama's genesis and governance fallback, `OnChainSeqPhragmen`):
 * voters are the nominators, largest stakes first, and every validator voting for itself; targets
 * are the validators; sequential Phragmén (`@canary/npos`) picks `ValidatorCount` winners, whose
 * supports become exposures. Stakes enter as votes by `U128CurrencyToVote`.
 */
import { seqPhragmen, U64_MAX, type VoterInput } from "@canary/npos";
import { fromHex, toHex } from "@canary/primitives";
import type { StakingSelf } from "./config.ts";
import type { Exposure } from "./exposures.ts";
import type { LedgerFns } from "./ledger.ts";
import type { IndividualExposure } from "./types.ts";

export interface Elected {
  validator: Uint8Array;
  exposure: Exposure;
}

export function electionFns(self: StakingSelf, ledgers: LedgerFns) {
  const { storage, config } = self;

  /** `U128CurrencyToVote`: stakes scaled so that the whole issuance fits a u64. */
  const voteFactor = (): bigint => {
    const f = config.currency.api.totalIssuance() / U64_MAX;
    return f > 1n ? f : 1n;
  };

  const weightOf = (stash: Uint8Array, factor: bigint): bigint => {
    const w = (ledgers.ledgerOfStash(stash)?.active ?? 0n) / factor;
    return w > U64_MAX ? U64_MAX : w;
  };

  /** The election's voters (`get_npos_voters`), nominations made before a target's last slash dropped. */
  function voters(factor: bigint): VoterInput[] {
    const out: Array<[string, bigint, string[]]> = [];
    // Each target's last slash, read once for all its nominators.
    const lastSlash = new Map<string, number>();
    const lastSlashOf = (target: Uint8Array): number => {
      const id = toHex(target);
      let era = lastSlash.get(id);
      if (era === undefined) {
        era = storage.SlashingSpans.get(target)?.last_nonzero_slash ?? 0;
        lastSlash.set(id, era);
      }
      return era;
    };
    for (const [[stash], nominations] of storage.Nominators.entries()) {
      const targets = nominations.targets.filter((t) => nominations.submitted_in >= lastSlashOf(t));
      if (targets.length > 0) out.push([toHex(stash), weightOf(stash, factor), targets.map(toHex)]);
    }
    for (const [[stash]] of storage.Validators.entries()) {
      const id = toHex(stash);
      out.push([id, weightOf(stash, factor), [id]]);
    }
    // The bags list hands out the largest stakes first; the limit keeps the election bounded.
    out.sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : 0));
    if (out.length > config.maxElectingVoters) {
      self.emit("SnapshotVotersSizeExceeded", { size: config.maxElectingVoters });
      out.length = config.maxElectingVoters;
    }
    return out;
  }

  /** Runs the election; undefined when it cannot (more winners asked than allowed). */
  function elect(): Elected[] | undefined {
    const desired = storage.ValidatorCount.get();
    if (desired > config.maxWinners) return undefined;
    const factor = voteFactor();
    const targets = [...storage.Validators.entries()].map(([[stash]]) => toHex(stash));
    const input = voters(factor);
    let minNominator: bigint | undefined;
    for (const [who, weight, votes] of input) {
      if (votes.length === 1 && votes[0] === who) continue;
      if (minNominator === undefined || weight < minNominator) minNominator = weight;
    }
    storage.MinimumActiveStake.set((minNominator ?? 0n) * factor);
    const { assignments } = seqPhragmen(desired, targets, input);
    // Each winner's support (`to_supports`) as its exposure.
    const exposures = new Map<string, Exposure>();
    for (const { who, distribution } of assignments) {
      for (const [target, weight] of distribution) {
        let e = exposures.get(target);
        if (!e) {
          e = { total: 0n, own: 0n, others: [] };
          exposures.set(target, e);
        }
        const value = weight * factor;
        e.total += value;
        if (who === target) e.own += value;
        else e.others.push({ who: fromHex(who), value } satisfies IndividualExposure);
      }
    }
    // `to_supports` collects into a BTreeMap: winners in account order.
    return [...exposures.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, exposure]) => ({ validator: fromHex(id), exposure }));
  }

  return { elect };
}
