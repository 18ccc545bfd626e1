/**
 * What the runtime supplies to Offences, and what its parts receive: who acts on an offence
 * (FRAME's `OnOffenceHandler`: staking slashes; until then the runtime may only record).
 */
import type { PalletSelf, StorageOf } from "@canary/frame";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";
import type { OffenceDetails } from "./types.ts";

export interface OffencesConfig {
  /** Told of every offender concurrent with a new report, with the slash fraction (parts per billion) of each. */
  onOffence: (offenders: OffenceDetails[], slashFractions: bigint[], session: number) => void;
}

export type OffencesSelf = PalletSelf<
  OffencesConfig,
  StorageOf<typeof storage>,
  typeof events,
  typeof errors
>;
