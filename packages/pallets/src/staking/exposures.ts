/**
 * What an election leaves for an era (`EraInfo`): each elected validator's exposure, stored as an
 * overview plus pages of at most `maxExposurePageSize` nominators, the era's total stake and the
 * winners' preferences; and the reading back of one page for payouts.
 */
import type { StakingSelf } from "./config.ts";
import type { ExposurePage, IndividualExposure } from "./types.ts";

/** A validator's full backing in an era (`sp_staking::Exposure`). */
export interface Exposure {
  total: bigint;
  own: bigint;
  others: IndividualExposure[];
}

/** One page as payouts see it: the own stake counts only on page 0. */
export interface PagedExposure {
  total: bigint;
  own: bigint;
  pageTotal: bigint;
  others: IndividualExposure[];
}

export function exposureFns({ storage, config }: StakingSelf) {
  function setExposure(era: number, validator: Uint8Array, exposure: Exposure): void {
    const size = Math.max(1, config.maxExposurePageSize);
    const pages: ExposurePage[] = [];
    for (let i = 0; i < exposure.others.length; i += size) {
      const others = exposure.others.slice(i, i + size);
      pages.push({ page_total: others.reduce((s, o) => s + o.value, 0n), others });
    }
    storage.ErasStakersOverview.set(era, validator, {
      total: exposure.total,
      own: exposure.own,
      nominator_count: exposure.others.length,
      page_count: pages.length,
    });
    for (const [i, page] of pages.entries()) storage.ErasStakersPaged.set(era, validator, i, page);
  }

  /** Pages to pay: at least one when the validator has its own stake (`get_page_count`). */
  function pageCount(era: number, validator: Uint8Array): number {
    const overview = storage.ErasStakersOverview.get(era, validator);
    if (!overview) return 0;
    return overview.page_count === 0 && overview.own > 0n ? 1 : overview.page_count;
  }

  function pagedExposure(era: number, validator: Uint8Array, page: number): PagedExposure | undefined {
    const overview = storage.ErasStakersOverview.get(era, validator);
    if (!overview) return undefined;
    const own = page === 0 ? overview.own : 0n;
    const stored = storage.ErasStakersPaged.get(era, validator, page) ?? { page_total: 0n, others: [] };
    return { total: overview.total, own, pageTotal: stored.page_total + own, others: stored.others };
  }

  /** Every page together (`eras_stakers`): what slashing applies to. */
  function fullExposure(era: number, validator: Uint8Array): Exposure {
    const overview = storage.ErasStakersOverview.get(era, validator);
    if (!overview) return { total: 0n, own: 0n, others: [] };
    const others: IndividualExposure[] = [];
    for (let page = 0; page < overview.page_count; page++) {
      others.push(...(storage.ErasStakersPaged.get(era, validator, page)?.others ?? []));
    }
    return { total: overview.total, own: overview.own, others };
  }

  /** Forgets an era past the history depth (`clear_era_information`). */
  function clearEra(era: number): void {
    storage.ErasStakersOverview.clear(undefined, [era]);
    storage.ErasStakersPaged.clear(undefined, [era]);
    storage.ClaimedRewards.clear(undefined, [era]);
    storage.ErasValidatorPrefs.clear(undefined, [era]);
    storage.ErasValidatorReward.remove(era);
    storage.ErasRewardPoints.remove(era);
    storage.ErasTotalStake.remove(era);
    storage.ErasStartSessionIndex.remove(era);
  }

  return { setExposure, pageCount, pagedExposure, fullExposure, clearEra };
}

export type ExposureFns = ReturnType<typeof exposureFns>;
