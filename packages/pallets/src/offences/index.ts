/**
 * pallet_offences for Canary (Kusama index 7): offences reported by the consensus pallets
 * (equivocations), recorded once per offender, kind and time slot, and handed with their slash
 * fraction to the runtime's `onOffence` (staking, which slashes, comes later).
 */
import { definePallet, type PalletInstance } from "@canary/frame";
import type { OffencesSelf } from "./config.ts";
import { events } from "./events.ts";
import { hooks } from "./hooks.ts";
import { reportFns } from "./report.ts";
import { storage } from "./storage.ts";

export const Offences = definePallet({
  name: "Offences",
  storage,
  events,
  docs: ["Tracks reported offences."],
  build: (self: OffencesSelf) => ({ hooks, api: reportFns(self) }),
});

export type OffencesInstance = PalletInstance<OffencesSelf, ReturnType<typeof reportFns>>;
export type { OffencesConfig, OffencesSelf } from "./config.ts";
export { type EquivocationReporting, equivocationOffence } from "./equivocation.ts";
export { DuplicateReport } from "./report.ts";
export {
  BABE_EQUIVOCATION,
  equivocationSlash,
  GRANDPA_EQUIVOCATION,
  type Offence,
  type OffenceDetails,
} from "./types.ts";
