/** What the runtime supplies to Claims, and what its parts receive. */
import type { PalletSelf, StorageOf } from "@canary/frame";
import { encodeUtf8 } from "@canary/primitives";
import type { BalancesInstance } from "../balances/index.ts";
import type { VestingInstance } from "../vesting/index.ts";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface ClaimsConfig {
  /** The currency claims are paid in (Kusama's Balances). */
  currency: BalancesInstance;
  /** Where vested claims get their schedule (FRAME's `VestingSchedule`: Kusama's Vesting). */
  vesting: VestingInstance;
  /** What the Ethereum message starts with (Kusama: "Pay KSMs to the Kusama account:"). */
  prefix: Uint8Array;
}

/** Kusama's prefix (31 bytes). */
export const KUSAMA_CLAIMS_PREFIX = encodeUtf8("Pay KSMs to the Kusama account:");

export function claimsDefaults(currency: BalancesInstance, vesting: VestingInstance): ClaimsConfig {
  return { currency, vesting, prefix: KUSAMA_CLAIMS_PREFIX };
}

export type ClaimsSelf = PalletSelf<ClaimsConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
