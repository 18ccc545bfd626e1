/**
 * Offences become slashes (pallet-staking's `on_offence` and `slashing.rs`): each offender's slash
 * is its fraction of its exposure in the era of the offence — its own stake and each nominator's
 * part — counted once per span, the validator chilled and disabled; the slash is deferred
 * `slashDeferDuration` eras, during which Root may cancel it, then taken from the ledgers, part
 * paid to the reporters and the rest to the runtime's `slashed` (Kusama: the treasury).
 */
import { bytesEqual } from "@canary/primitives";
import type { OffenceDetails } from "../offences/index.ts";
import { min, mulPer, satSub } from "./arithmetic.ts";
import { eraTiming, type StakingSelf } from "./config.ts";
import type { Exposure, ExposureFns } from "./exposures.ts";
import { type LedgerFns, slashLedger } from "./ledger.ts";
import type { RoleFns } from "./roles.ts";
import { InspectingSpans } from "./spans.ts";
import type { UnappliedSlash } from "./types.ts";

interface SlashParams {
  stash: Uint8Array;
  fraction: bigint;
  exposure: Exposure;
  slashEra: number;
  windowStart: number;
  now: number;
  rewardProportion: bigint;
}

export function slashingFns(self: StakingSelf, ledgers: LedgerFns, roles: RoleFns, exposures: ExposureFns) {
  const { storage, config } = self;
  const currency = config.currency.api;

  /**
   * Disables the offender for the rest of the era, at most a third of the set (Kusama's
   * `UpToLimitDisablingStrategy`); the list is re-applied at every session of the era.
   */
  function disable(stash: Uint8Array): void {
    const session = config.session();
    const validators = session.validators();
    const index = validators.findIndex((v) => bytesEqual(v, stash));
    if (index < 0) return;
    const disabled = storage.DisabledValidators.get();
    if (disabled.includes(index) || disabled.length >= Math.floor((validators.length - 1) / 3)) return;
    disabled.push(index);
    disabled.sort((a, b) => a - b);
    storage.DisabledValidators.set(disabled);
    session.disable(index);
  }

  /** Inspects `stash`'s spans with `fn`, writes them back, and returns them for what they slashed and paid. */
  function withSpans(
    stash: Uint8Array,
    p: SlashParams,
    fn: (spans: InspectingSpans) => void,
  ): InspectingSpans {
    const spans = new InspectingSpans(self, stash, p.windowStart, p.rewardProportion);
    fn(spans);
    spans.commit();
    return spans;
  }

  /** A report that slashes nothing still ends the offender's span and chills it, if recent. */
  function kickOutIfRecent(p: SlashParams): void {
    withSpans(p.stash, p, (spans) => {
      if (spans.eraSpan(p.slashEra)?.index === spans.spanIndex) {
        spans.endSpan(p.now);
        roles.chill(p.stash);
      }
    });
  }

  /** `compute_slash`: the unapplied slash of one offender, or undefined when it adds nothing. */
  function computeSlash(p: SlashParams): UnappliedSlash | undefined {
    const ownSlash = mulPer(p.fraction, p.exposure.own);
    if (mulPer(p.fraction, p.exposure.total) === 0n) {
      kickOutIfRecent(p);
      return undefined;
    }
    const prior = BigInt(storage.ValidatorSlashInEra.get(p.slashEra, p.stash)?.[0] ?? 0);
    // Only the era's largest slash of a validator counts.
    if (p.fraction <= prior) return undefined;
    storage.ValidatorSlashInEra.set(p.slashEra, p.stash, [Number(p.fraction), ownSlash]);
    const validatorSpans = withSpans(p.stash, p, (spans) => {
      if (spans.compareAndUpdate(p.slashEra, ownSlash) === spans.spanIndex) {
        spans.endSpan(p.now);
        roles.chill(p.stash);
      }
    });
    disable(p.stash);
    let payout = validatorSpans.paidOut;
    const others: Array<[Uint8Array, bigint]> = [];
    for (const { who, value } of p.exposure.others) {
      const difference = satSub(mulPer(p.fraction, value), mulPer(prior, value));
      const eraSlash = (storage.NominatorSlashInEra.get(p.slashEra, who) ?? 0n) + difference;
      storage.NominatorSlashInEra.set(p.slashEra, who, eraSlash);
      const spans = withSpans(who, p, (s) => {
        if (s.compareAndUpdate(p.slashEra, eraSlash) === s.spanIndex) s.endSpan(p.now);
      });
      payout += spans.paidOut;
      others.push([who, spans.slashed]);
    }
    return { validator: p.stash, own: validatorSpans.slashed, others, reporters: [], payout };
  }

  /** `OnOffenceHandler::on_offence`, for offences in session `session`. */
  function onOffence(offenders: OffenceDetails[], fractions: bigint[], session: number): void {
    const active = storage.ActiveEra.get();
    if (!active) return;
    const activeStart = storage.ErasStartSessionIndex.get(active.index) ?? 0;
    let slashEra = active.index;
    if (session < activeStart) {
      const found = [...storage.BondedEras.get()].reverse().find(([, start]) => start <= session);
      // Before the bonding period: too old to slash.
      if (!found) {
        self.emit("OldSlashingReportDiscarded", { session_index: session });
        return;
      }
      slashEra = found[0];
    }
    const invulnerables = storage.Invulnerables.get();
    offenders.forEach((details, i) => {
      const stash = details.offender;
      if (invulnerables.some((v) => bytesEqual(v, stash))) return;
      const fraction = fractions[i] ?? 0n;
      const unapplied = computeSlash({
        stash,
        fraction,
        exposure: exposures.fullExposure(active.index, stash),
        slashEra,
        windowStart: Math.max(0, active.index - eraTiming(self).bondingDuration),
        now: active.index,
        rewardProportion: BigInt(storage.SlashRewardFraction.get()),
      });
      self.emit("SlashReported", { validator: stash, fraction: Number(fraction), slash_era: slashEra });
      if (!unapplied) return;
      unapplied.reporters = details.reporters;
      if (eraTiming(self).slashDeferDuration === 0) applySlash(unapplied, slashEra);
      else
        storage.UnappliedSlashes.mutate(slashEra + eraTiming(self).slashDeferDuration + 1, (later) => [
          ...later,
          unapplied,
        ]);
    });
  }

  /** Takes `value` from the stash's ledger and balance; what could not be taken comes off the reward. */
  function doSlash(stash: Uint8Array, value: bigint, slashEra: number): [bigint, bigint] {
    const ledger = ledgers.ledgerOfStash(stash);
    if (!ledger) return [0n, 0n];
    const [after, amount] = slashLedger(
      ledger,
      value,
      currency.existentialDeposit(),
      slashEra,
      eraTiming(self).bondingDuration,
    );
    if (amount === 0n) return [0n, 0n];
    const [taken, missing] = currency.slash(stash, amount);
    ledgers.update(after);
    self.emit("Slashed", { staker: stash, amount });
    return [taken, missing];
  }

  function applySlash(slash: UnappliedSlash, slashEra: number): void {
    let reward = slash.payout;
    let taken = 0n;
    for (const [who, value] of [[slash.validator, slash.own] as const, ...slash.others]) {
      const [t, missing] = doSlash(who, value, slashEra);
      taken += t;
      reward = satSub(reward, missing);
    }
    if (reward === 0n || slash.reporters.length === 0) {
      config.slashed(taken);
      return;
    }
    reward = min(reward, taken);
    const each = reward / BigInt(slash.reporters.length);
    for (const reporter of slash.reporters) currency.deposit(reporter, each);
    config.slashed(taken - each * BigInt(slash.reporters.length));
  }

  /** Applies the slashes deferred to `era`, as it starts. */
  function applyDeferred(era: number): void {
    const due = storage.UnappliedSlashes.get(era);
    if (due.length === 0) return;
    storage.UnappliedSlashes.remove(era);
    for (const slash of due) applySlash(slash, Math.max(0, era - eraTiming(self).slashDeferDuration));
  }

  /** Forgets the per-era slash records of an era leaving the bonding window (`clear_era_metadata`). */
  function clearEraMetadata(era: number): void {
    storage.ValidatorSlashInEra.clear(undefined, [era]);
    storage.NominatorSlashInEra.clear(undefined, [era]);
  }

  return { onOffence, applyDeferred, clearEraMetadata };
}
