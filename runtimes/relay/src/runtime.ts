/**
 * The relay runtime's composition (`construct_runtime!`): the pallets with Kusama's indices,
 * their configuration, and the executive that drives them.
 */
import { blockLimits, composeRuntime, Executive, type Pallet, type Runtime } from "@canary/frame";
import {
  Balances,
  configureSudo,
  configureSystem,
  configureTimestamp,
  configureTransactionPayment,
  configureUtility,
  depositEvent,
  executiveSystem,
  Sudo,
  System,
  systemConfig,
  Timestamp,
  TransactionPayment,
  transactionPaymentExecutive,
  Utility,
} from "@canary/pallets";
import { MILLISECS_PER_BLOCK, SS58_PREFIX } from "./constants.ts";

/** Kusama's pallet indices for the pallets Canary has so far; Sudo sits at 255 while the chain is PoA. */
export const PALLETS: ReadonlyArray<readonly [number, Pallet]> = [
  [0, System as unknown as Pallet],
  [2, Timestamp as unknown as Pallet],
  [4, Balances as unknown as Pallet],
  [24, Utility as unknown as Pallet],
  [33, TransactionPayment as unknown as Pallet],
  [255, Sudo as unknown as Pallet],
];

export interface Relay {
  runtime: Runtime;
  executive: Executive;
}

/** Composes the runtime once per bundle and configures every pallet for it. */
export function composeRelay(): Relay {
  const limits = blockLimits();
  const runtime = composeRuntime({ crate: "canary_relay_runtime", pallets: PALLETS, depositEvent });
  configureSystem({ ss58Prefix: SS58_PREFIX, limits });
  configureTimestamp({ minimumPeriod: MILLISECS_PER_BLOCK / 2n });
  configureUtility({ dispatcher: runtime });
  configureSudo({ dispatcher: runtime });
  configureTransactionPayment({ limits });
  const executive = new Executive({
    runtime,
    system: executiveSystem,
    version: () => systemConfig().version,
    payment: transactionPaymentExecutive,
    limits,
  });
  return { runtime, executive };
}
