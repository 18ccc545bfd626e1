/** Transaction payment's genesis: the starting multiplier (1.0 unless given) and the storage version. */
import type { TransactionPaymentSelf } from "./config.ts";
import { FIXED_ONE } from "./types.ts";

export interface TransactionPaymentGenesis {
  /** FixedU128 inner value (10^18 = 1.0). */
  multiplier?: bigint;
}

export function buildGenesis({ storage }: TransactionPaymentSelf, config: TransactionPaymentGenesis): void {
  storage.StorageVersion.set({ tag: "V2" });
  storage.NextFeeMultiplier.set(config.multiplier ?? FIXED_ONE);
}
