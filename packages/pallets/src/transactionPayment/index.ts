/**
 * pallet_transaction_payment for Canary: Kusama's fee (base + length + multiplier × weight + tip),
 * the targeted fee multiplier, and the 80/20 treasury/author split with tips to the author.
 */
import { constant, definePallet } from "@canary/frame";
import { u8 } from "@canary/primitives";
import { transactionPaymentConfig } from "./config.ts";
import { events } from "./events.ts";
import { buildGenesis, type TransactionPaymentGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

// No calls and no errors (calls.ts, errors.ts are empty), as in FRAME.
export const TransactionPayment = definePallet({
  name: "TransactionPayment",
  storage,
  events,
  hooks,
  genesis: { build: (config: TransactionPaymentGenesis) => buildGenesis(config) },
  constants: {
    OperationalFeeMultiplier: constant(u8, () => transactionPaymentConfig().operationalFeeMultiplier, [
      'A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their',
      "`priority`.",
    ]),
  },
  docs: ["Charges fees for transactions and adjusts the fee multiplier to block fullness."],
});

export {
  configureTransactionPayment,
  palletAccount,
  resetTransactionPaymentConfig,
  type TransactionPaymentConfig,
  transactionPaymentConfig,
} from "./config.ts";
export { computeFee, computeFeeDetails, lengthToFee, weightToFee } from "./fee.ts";
export type { TransactionPaymentGenesis } from "./genesis.ts";
export { nextMultiplier } from "./multiplier.ts";
export { splitFee, transactionPaymentExecutive } from "./payment.ts";
export { storage as transactionPaymentStorage } from "./storage.ts";
export * from "./types.ts";
