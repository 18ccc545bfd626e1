/**
 * Eras (pallet-staking's `SessionManager`): Session asks for the validators of each session one
 * session ahead; Staking plans a new era — running the election — when the current one has lasted
 * `sessionsPerEra` sessions or an era is forced, starts it when its first session begins, and at
 * its end computes the era payout. Starting an era applies the slashes deferred to it.
 */
import { bytesEqual, compareBytes } from "@canary/primitives";
import type { SessionManager } from "../session/index.ts";
import { min, mulPer } from "./arithmetic.ts";
import { eraTiming, type StakingSelf } from "./config.ts";
import type { Elected } from "./election.ts";
import type { ExposureFns } from "./exposures.ts";

export interface EraDeps {
  exposures: ExposureFns;
  elect: () => Elected[] | undefined;
  applyDeferredSlashes: (era: number) => void;
  clearSlashingMetadata: (era: number) => void;
}

export function eraFns(self: StakingSelf, deps: EraDeps) {
  const { storage, config } = self;

  function setForceEra(mode: "NotForcing" | "ForceNew" | "ForceNone" | "ForceAlways"): void {
    storage.ForceEra.set({ tag: mode });
    self.emit("ForceEra", { mode: { tag: mode } });
  }

  /** Stores the winners' exposures for the newly planned era and returns their stashes. */
  function triggerNewEra(startSession: number, elected: Elected[]): Uint8Array[] {
    const current = storage.CurrentEra.get();
    const era = current === undefined ? 0 : current + 1;
    storage.CurrentEra.set(era);
    storage.ErasStartSessionIndex.set(era, startSession);
    const old = era - config.historyDepth - 1;
    if (old >= 0) deps.exposures.clearEra(old);
    let total = 0n;
    for (const { validator, exposure } of elected) {
      total += exposure.total;
      deps.exposures.setExposure(era, validator, exposure);
      storage.ErasValidatorPrefs.set(era, validator, storage.Validators.get(validator));
    }
    storage.ErasTotalStake.set(era, total);
    return elected.map((e) => e.validator);
  }

  /** Runs the election (`try_trigger_new_era`); too few winners plan nothing. */
  function tryTriggerNewEra(startSession: number): Uint8Array[] | undefined {
    const elected = deps.elect();
    if (elected === undefined) {
      self.emit("StakingElectionFailed", {});
      return undefined;
    }
    if (elected.length < Math.max(storage.MinimumValidatorCount.get(), 1)) {
      // The first era may elect nobody: Session keeps its genesis validators.
      if (storage.CurrentEra.get() === undefined) {
        storage.CurrentEra.set(0);
        storage.ErasStartSessionIndex.set(0, startSession);
      }
      self.emit("StakingElectionFailed", {});
      return undefined;
    }
    self.emit("StakersElected", {});
    return triggerNewEra(startSession, elected);
  }

  function newSession(index: number): Uint8Array[] | undefined {
    storage.CurrentPlannedSession.set(index);
    const current = storage.CurrentEra.get();
    if (current === undefined) return tryTriggerNewEra(index);
    const eraLength = index - (storage.ErasStartSessionIndex.get(current) ?? 0);
    const force = storage.ForceEra.get().tag;
    const due =
      force === "ForceNew" ||
      force === "ForceAlways" ||
      (force === "NotForcing" && eraLength >= eraTiming(self).sessionsPerEra);
    if (!due) return undefined;
    const validators = tryTriggerNewEra(index);
    if (validators && storage.ForceEra.get().tag === "ForceNew") setForceEra("NotForcing");
    return validators;
  }

  function startEra(startSession: number): void {
    const active = storage.ActiveEra.get();
    const index = active === undefined ? 0 : active.index + 1;
    storage.ActiveEra.set({ index, start: undefined });
    const bonded = storage.BondedEras.get();
    bonded.push([index, startSession]);
    const firstKept = index - eraTiming(self).bondingDuration;
    while (firstKept > 0 && bonded.length > 0 && bonded[0]![0] < firstKept) {
      deps.clearSlashingMetadata(bonded.shift()![0]);
    }
    storage.BondedEras.set(bonded);
    deps.applyDeferredSlashes(index);
  }

  function endEra(activeIndex: number, start: bigint | undefined): void {
    // An era ending at genesis has no start and pays nothing.
    if (start === undefined) return;
    const now = config.now();
    const duration = now > start ? now - start : 0n;
    const staked = storage.ErasTotalStake.get(activeIndex);
    const issuance = config.currency.api.totalIssuance();
    const [payout, rest] = config.eraPayout(staked, issuance, duration);
    const cap = storage.MaxStakedRewards.get();
    const total = payout + rest;
    const validatorPayout = cap === undefined ? payout : min(payout, mulPer(BigInt(cap), total, 100n));
    const remainder = total - validatorPayout;
    self.emit("EraPaid", { era_index: activeIndex, validator_payout: validatorPayout, remainder });
    storage.ErasValidatorReward.set(activeIndex, validatorPayout);
    if (remainder > 0n) config.rewardRemainder(remainder);
    storage.DisabledValidators.kill();
  }

  const sessionManager: SessionManager = {
    newSession,
    newSessionGenesis: newSession,
    startSession(index: number): void {
      const active = storage.ActiveEra.get();
      const next = active === undefined ? 0 : active.index + 1;
      const nextStart = storage.ErasStartSessionIndex.get(next);
      // A start session in the past means one was skipped: start the era rather than stall.
      if (nextStart !== undefined && nextStart <= index) startEra(index);
      const session = config.session();
      for (const i of storage.DisabledValidators.get()) session.disable(i);
    },
    endSession(index: number): void {
      const active = storage.ActiveEra.get();
      if (!active) return;
      if (storage.ErasStartSessionIndex.get(active.index + 1) === index + 1)
        endEra(active.index, active.start);
    },
  };

  /** Sets the active era's start at its first block's end (`on_finalize`). */
  function noteEraStart(): void {
    const active = storage.ActiveEra.get();
    if (active && active.start === undefined) storage.ActiveEra.set({ ...active, start: config.now() });
  }

  /** Reward points for the active era (`reward_by_ids`), e.g. 20 for authoring a block. */
  function rewardByIds(points: Array<[Uint8Array, number]>): void {
    const active = storage.ActiveEra.get();
    if (!active) return;
    const era = storage.ErasRewardPoints.get(active.index);
    for (const [who, p] of points) {
      const at = era.individual.findIndex(([v]) => bytesEqual(v, who));
      if (at >= 0) era.individual[at]![1] = satAddU32(era.individual[at]![1], p);
      else {
        era.individual.push([who, p]);
        era.individual.sort(([a], [b]) => compareBytes(a, b));
      }
      era.total = satAddU32(era.total, p);
    }
    storage.ErasRewardPoints.set(active.index, era);
  }

  return { sessionManager, setForceEra, noteEraStart, rewardByIds };
}

const satAddU32 = (a: number, b: number): number => Math.min(a + b, 0xffff_ffff);
