/**
 * Staking's genesis in Substrate's chain-spec shape: the election's size, invulnerables, the era
 * forcing (Kusama launched with `ForceNone`), bounds, and stakers `[stash, controller, bond,
 * status]`, each bonded (rewards `Staked`) and made a validator or nominator by the calls
 * themselves, so genesis stakers are exactly what those calls would make.
 */
import { type CallDecl, signed } from "@canary/frame";
import { CanaryError, toHex } from "@canary/primitives";
import type { StakingSelf } from "./config.ts";
import type { ForcingMode, StakerStatus } from "./types.ts";

export interface StakingGenesis {
  validatorCount?: number;
  minimumValidatorCount?: number;
  invulnerables?: Uint8Array[];
  forceEra?: ForcingMode;
  /** Perbill parts of a slash paid to reporters (before `REWARD_F1`). */
  slashRewardFraction?: number;
  canceledPayout?: bigint;
  stakers?: Array<[stash: Uint8Array, controller: Uint8Array, bond: bigint, status: StakerStatus]>;
  minNominatorBond?: bigint;
  minValidatorBond?: bigint;
  maxValidatorCount?: number;
  maxNominatorCount?: number;
  /** Canary: a chain's own era timing (tests and short-lived networks); Kusama's by default. */
  sessionsPerEra?: number;
  bondingDuration?: number;
  slashDeferDuration?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the calls of this pallet, each with its own argument type.
type Calls = Record<string, CallDecl<any>>;

export function buildGenesis({ storage, config }: StakingSelf, calls: Calls, genesis: StakingGenesis): void {
  storage.ValidatorCount.set(genesis.validatorCount ?? 0);
  storage.MinimumValidatorCount.set(genesis.minimumValidatorCount ?? 0);
  storage.Invulnerables.set(genesis.invulnerables ?? []);
  storage.ForceEra.set({ tag: genesis.forceEra ?? "NotForcing" });
  storage.SlashRewardFraction.set(genesis.slashRewardFraction ?? 0);
  storage.CanceledSlashPayout.set(genesis.canceledPayout ?? 0n);
  storage.MinNominatorBond.set(genesis.minNominatorBond ?? 0n);
  storage.MinValidatorBond.set(genesis.minValidatorBond ?? 0n);
  if (genesis.maxValidatorCount !== undefined) storage.MaxValidatorsCount.set(genesis.maxValidatorCount);
  if (genesis.maxNominatorCount !== undefined) storage.MaxNominatorsCount.set(genesis.maxNominatorCount);
  if (
    genesis.sessionsPerEra !== undefined ||
    genesis.bondingDuration !== undefined ||
    genesis.slashDeferDuration !== undefined
  ) {
    const timing = {
      sessions_per_era: genesis.sessionsPerEra ?? config.sessionsPerEra,
      bonding_duration: genesis.bondingDuration ?? config.bondingDuration,
      slash_defer_duration: genesis.slashDeferDuration ?? config.slashDeferDuration,
    };
    // pallet-staking's integrity check: a slash must be applicable while its stake is still bonded.
    if (
      timing.sessions_per_era === 0 ||
      (timing.bonding_duration !== 0 && timing.slash_defer_duration >= timing.bonding_duration)
    ) {
      throw new CanaryError(
        "STAKING_GENESIS",
        `era timing ${JSON.stringify(timing)}: sessionsPerEra must be positive and slashDeferDuration below bondingDuration`,
      );
    }
    storage.EraTiming.set(timing);
  }
  if ((genesis.validatorCount ?? 0) > config.maxWinners) {
    throw new CanaryError(
      "STAKING_GENESIS",
      `validatorCount ${genesis.validatorCount} exceeds ${config.maxWinners}`,
    );
  }
  for (const [stash, , bond, status] of genesis.stakers ?? []) {
    const who = toHex(stash);
    if (config.currency.api.freeBalance(stash) < bond) {
      throw new CanaryError(
        "STAKING_GENESIS",
        `${who} cannot bond ${bond}: give it the balance in balances first`,
      );
    }
    const origin = signed(stash);
    const run = (name: string, args: unknown) => calls[name]!.dispatch(origin, args);
    try {
      run("bond", { value: bond, payee: { tag: "Staked" } });
      if (status.tag === "Validator") run("validate", { prefs: { commission: 0, blocked: false } });
      if (status.tag === "Nominator") {
        run("nominate", { targets: status.value.map((t) => ({ tag: "Id", value: t })) });
      }
    } catch (e) {
      throw new CanaryError("STAKING_GENESIS", `staker ${who}: ${(e as Error).message}`, { cause: e });
    }
  }
}
