/**
 * Paying an era's rewards (`do_payout_stakers_by_page`): a validator's share of the era payout is
 * its share of the era's reward points; commission comes off the top, the rest is split by stake.
 * Each page of nominators is paid once; the validator's own share comes with page 0 and its
 * commission pro rata to each page's stake. Rewards are minted to each staker's destination.
 */
import { bytesEqual } from "@canary/primitives";
import { mulPer, perbill } from "./arithmetic.ts";
import type { StakingSelf } from "./config.ts";
import type { ExposureFns } from "./exposures.ts";
import type { LedgerFns } from "./ledger.ts";
import type { RewardDestination } from "./types.ts";

export function payoutFns(self: StakingSelf, ledgers: LedgerFns, exposures: ExposureFns) {
  const { storage, config } = self;
  const currency = config.currency.api;

  /** Mints `amount` to the staker's reward destination (`make_payout`); undefined when nothing is paid. */
  function makePayout(stash: Uint8Array, amount: bigint): [RewardDestination, bigint] | undefined {
    if (amount === 0n) return undefined;
    const dest = storage.Payee.get(stash);
    if (!dest) return undefined;
    const exists = currency.totalBalance(stash) > 0n;
    switch (dest.tag) {
      case "Stash":
      case "Controller":
        return exists ? [dest, currency.deposit(stash, amount)] : undefined;
      case "Staked": {
        const ledger = ledgers.ledgerOfStash(stash);
        if (!ledger || !exists) return undefined;
        const paid = currency.deposit(stash, amount);
        ledgers.update({ ...ledger, active: ledger.active + paid, total: ledger.total + paid });
        return [dest, paid];
      }
      case "Account":
        return [dest, currency.deposit(dest.value, amount)];
      case "None":
        return undefined;
    }
  }

  function nextClaimablePage(era: number, stash: Uint8Array): number | undefined {
    const claimed = storage.ClaimedRewards.get(era, stash);
    const count = exposures.pageCount(era, stash);
    for (let page = 0; page < count; page++) if (!claimed.includes(page)) return page;
    return undefined;
  }

  function payoutByPage(stash: Uint8Array, era: number, page: number): void {
    const current = storage.CurrentEra.get();
    if (current === undefined || era > current || era < current - config.historyDepth) {
      throw self.fail("InvalidEraToReward");
    }
    if (page >= exposures.pageCount(era, stash)) throw self.fail("InvalidPage");
    const eraPayout = storage.ErasValidatorReward.get(era);
    if (eraPayout === undefined) throw self.fail("InvalidEraToReward");
    const controller = storage.Bonded.get(stash);
    if (!controller) throw self.fail("NotStash");
    const ledger = storage.Ledger.get(controller);
    if (!ledger) throw self.fail("NotController");
    const oldest = current - config.historyDepth;
    if (ledger.legacy_claimed_rewards.some((e) => e < oldest)) {
      ledgers.update({
        ...ledger,
        legacy_claimed_rewards: ledger.legacy_claimed_rewards.filter((e) => e >= oldest),
      });
    }
    const claimed = storage.ClaimedRewards.get(era, stash);
    if (ledger.legacy_claimed_rewards.includes(era) || claimed.includes(page))
      throw self.fail("AlreadyClaimed");
    storage.ClaimedRewards.set(era, stash, [...claimed, page]);
    const exposure = exposures.pagedExposure(era, stash, page);
    if (!exposure) throw self.fail("InvalidEraToReward");

    const points = storage.ErasRewardPoints.get(era);
    const own = points.individual.find(([v]) => bytesEqual(v, stash))?.[1] ?? 0;
    if (own === 0) return;
    const validatorTotal = mulPer(perbill(BigInt(own), BigInt(points.total)), eraPayout);
    const commission = BigInt(storage.ErasValidatorPrefs.get(era, stash).commission);
    const commissionTotal = mulPer(commission, validatorTotal);
    const leftover = validatorTotal - commissionTotal;
    const stakingPart = mulPer(perbill(exposure.own, exposure.total), leftover);
    const commissionPart = mulPer(perbill(exposure.pageTotal, exposure.total), commissionTotal);

    self.emit("PayoutStarted", { era_index: era, validator_stash: stash });
    const paid = makePayout(stash, stakingPart + commissionPart);
    if (paid) self.emit("Rewarded", { stash, dest: paid[0], amount: paid[1] });
    for (const nominator of exposure.others) {
      const reward = mulPer(perbill(nominator.value, exposure.total), leftover);
      const got = makePayout(nominator.who, reward);
      if (got) self.emit("Rewarded", { stash: nominator.who, dest: got[0], amount: got[1] });
    }
  }

  /** `payout_stakers`: the next page not yet paid; none left (or none at all) is `AlreadyClaimed`. */
  function payout(stash: Uint8Array, era: number): void {
    const controller = storage.Bonded.get(stash);
    if (!controller) throw self.fail("NotStash");
    const ledger = storage.Ledger.get(controller);
    if (!ledger) throw self.fail("NotController");
    const page = ledger.legacy_claimed_rewards.includes(era) ? undefined : nextClaimablePage(era, stash);
    if (page === undefined) throw self.fail("AlreadyClaimed");
    payoutByPage(stash, era, page);
  }

  return { payout, payoutByPage };
}
