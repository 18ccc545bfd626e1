/**
 * pallet_transaction_payment for Canary: Kusama's fee (base + length + multiplier × weight + tip),
 * the targeted fee multiplier, and the `ChargeTransactionPayment` extension; where fees go is the
 * runtime's `onChargedFee` (Kusama: `dealWithFees`, 80/20 treasury/author with tips to the author).
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { u8 } from "@canary/primitives";
import type { TransactionPaymentSelf } from "./config.ts";
import { events } from "./events.ts";
import { feeFns } from "./fee.ts";
import { buildGenesis, type TransactionPaymentGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { nextMultiplier } from "./multiplier.ts";
import { paymentFns } from "./payment.ts";
import { storage } from "./storage.ts";

/** What transaction payment offers the runtime: fees, their settlement and the signed extension. */
function api(self: TransactionPaymentSelf) {
  const fees = feeFns(self);
  return {
    ...fees,
    ...paymentFns(self, fees),
    nextMultiplier: (previous: bigint, normal: Parameters<typeof nextMultiplier>[2]) =>
      nextMultiplier(self.config, previous, normal),
  };
}

// No calls and no errors (calls.ts, errors.ts are empty), as in FRAME.
export const TransactionPayment = definePallet({
  name: "TransactionPayment",
  storage,
  events,
  docs: ["Charges fees for transactions and adjusts the fee multiplier to block fullness."],
  build: (self: TransactionPaymentSelf) => ({
    hooks: hooks(self),
    genesis: { build: (config: TransactionPaymentGenesis) => buildGenesis(self, config) },
    api: api(self),
    constants: {
      OperationalFeeMultiplier: constant(u8, () => self.config.operationalFeeMultiplier, [
        'A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their',
        "`priority`.",
      ]),
    },
  }),
});

export type TransactionPaymentApi = ReturnType<typeof api>;
export type TransactionPaymentInstance = PalletInstance<TransactionPaymentSelf, TransactionPaymentApi>;
export {
  kusamaWeightToFee,
  type TransactionPaymentConfig,
  type TransactionPaymentSelf,
  transactionPaymentDefaults,
} from "./config.ts";
export type { TransactionPaymentGenesis } from "./genesis.ts";
export { dealWithFees, splitFee } from "./payment.ts";
export * from "./types.ts";
