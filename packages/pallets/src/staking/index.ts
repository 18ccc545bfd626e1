/**
 * pallet_staking for Canary, as Kusama configured it before Asset Hub (index 6): bonds as a
 * `staking ` lock, validators and nominators, eras of sessions with an on-chain sequential
 * Phragmén election planned a session ahead, era points and Kusama's inflation paid by paged
 * `payout_stakers`, and offences turned into deferred, span-limited slashes. It is Session's
 * manager: the elected set becomes the next session's validators, and BABE and GRANDPA follow.
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { u32 } from "@canary/primitives";
import { stakerCalls } from "./calls.ts";
import type { StakingSelf } from "./config.ts";
import { electionFns } from "./election.ts";
import { eraFns } from "./eras.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { exposureFns } from "./exposures.ts";
import { buildGenesis, type StakingGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { ledgerFns } from "./ledger.ts";
import { payoutFns } from "./payout.ts";
import { payoutCalls } from "./payoutCalls.ts";
import { roleFns } from "./roles.ts";
import { rootCalls } from "./rootCalls.ts";
import { slashingFns } from "./slashing.ts";
import { storage } from "./storage.ts";

function parts(self: StakingSelf) {
  const ledgers = ledgerFns(self);
  const roles = roleFns(self, ledgers);
  const exposures = exposureFns(self);
  const election = electionFns(self, ledgers);
  const slashing = slashingFns(self, ledgers, roles, exposures);
  const eras = eraFns(self, {
    exposures,
    elect: election.elect,
    applyDeferredSlashes: slashing.applyDeferred,
    clearSlashingMetadata: slashing.clearEraMetadata,
  });
  const payouts = payoutFns(self, ledgers, exposures);
  return { ledgers, roles, exposures, election, slashing, eras, payouts };
}

/** What Staking offers the runtime: Session's manager, Authorship's points, Offences' slashes. */
function api(self: StakingSelf, p: ReturnType<typeof parts>) {
  return {
    sessionManager: p.eras.sessionManager,
    /** FRAME's `EventHandler::note_author`: 20 points to the block's author. */
    noteAuthor: (author: Uint8Array) => p.eras.rewardByIds([[author, 20]]),
    onOffence: p.slashing.onOffence,
    ledger: p.ledgers.ledgerOfStash,
    exposure: p.exposures.fullExposure,
    activeEra: () => self.storage.ActiveEra.get(),
  };
}

export const Staking = definePallet({
  name: "Staking",
  storage,
  events,
  errors,
  docs: ["The Staking pallet is used to manage funds at stake by network maintainers."],
  build: (self: StakingSelf) => {
    const p = parts(self);
    const calls = {
      ...stakerCalls(self, p.ledgers, p.roles),
      ...rootCalls(self, p.roles, p.eras.setForceEra),
      ...payoutCalls(self, p.payouts),
    };
    const { config } = self;
    const num = (value: () => number, docs: string[]) => constant(u32, value, docs);
    // Constants are the runtime's (metadata may not read state); a genesis `EraTiming` overrides them.
    return {
      calls,
      hooks: hooks(p.eras.noteEraStart),
      genesis: { build: (g: StakingGenesis) => buildGenesis(self, calls, g) },
      api: api(self, p),
      constants: {
        HistoryDepth: num(() => config.historyDepth, ["Number of eras to keep in history."]),
        SessionsPerEra: num(() => config.sessionsPerEra, ["Number of sessions per era."]),
        BondingDuration: num(
          () => config.bondingDuration,
          ["Number of eras that staked funds must remain bonded for."],
        ),
        SlashDeferDuration: num(
          () => config.slashDeferDuration,
          ["Number of eras that slashes are deferred by, after computation."],
        ),
        MaxExposurePageSize: num(
          () => config.maxExposurePageSize,
          ["The maximum size of each `T::ExposurePage`."],
        ),
        MaxUnlockingChunks: num(
          () => config.maxUnlockingChunks,
          ["The maximum number of `unlocking` chunks a [`StakingLedger`] can have."],
        ),
      },
    };
  },
});

export type StakingApi = ReturnType<typeof api>;
export type StakingInstance = PalletInstance<StakingSelf, StakingApi>;
export { type StakingConfig, type StakingSelf, type StakingSession, stakingDefaults } from "./config.ts";
export type { StakingGenesis } from "./genesis.ts";
export { computeInflation, eraPayout, KUSAMA_INFLATION } from "./inflation.ts";
export { STAKING_ID } from "./ledger.ts";
export * from "./types.ts";
