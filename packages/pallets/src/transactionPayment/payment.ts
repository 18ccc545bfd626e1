/**
 * `ChargeTransactionPayment` for the executive (Kusama's `FungibleAdapter<Balances, DealWithFees>`):
 * the fee is withdrawn before dispatch without letting it reap the payer, the unused part is
 * refunded after, and what was paid is dealt: 80% of the fee to the treasury, 20% and the whole
 * tip to the block author (burned when there is none, as a dropped imbalance is).
 */
import { DispatchFailure, type ExecutivePayment, invalid, minBig } from "@canary/frame";
import type { AccountId32 } from "@canary/primitives";
import { deposit, withdraw } from "../balances/index.ts";
import { transactionPaymentConfig } from "./config.ts";
import { computeFee } from "./fee.ts";
import { TransactionPayment } from "./index.ts";

/** `Imbalance::ration(80, 20)`: the first share rounds down, the second takes the rest. */
export function splitFee(fee: bigint): { treasury: bigint; author: bigint } {
  const treasury = (fee * 80n) / 100n;
  return { treasury, author: fee - treasury };
}

function dealWithFees(fee: bigint, tip: bigint): void {
  const c = transactionPaymentConfig();
  const { treasury, author } = splitFee(fee);
  deposit(c.treasuryAccount, treasury);
  const who = c.author();
  if (who) deposit(who, author + tip);
}

export const transactionPaymentExecutive: ExecutivePayment = {
  computeFee,

  withdrawFee(who: AccountId32, fee: bigint, tip: bigint): bigint {
    if (fee === 0n) return 0n;
    try {
      return withdraw(who, fee, tip === 0n ? "Fee" : "All", true);
    } catch (e) {
      if (e instanceof DispatchFailure) throw invalid({ tag: "Payment" }, `cannot pay the fee of ${fee}`);
      throw e;
    }
  },

  settleFee(who: AccountId32, paid: bigint, actualFee: bigint, tip: bigint): void {
    // The refund goes back to an account the withdrawal kept alive, so it always lands.
    deposit(who, paid - actualFee);
    TransactionPayment.emit("TransactionFeePaid", { who, actual_fee: actualFee, tip });
    const tipPaid = minBig(tip, actualFee);
    dealWithFees(actualFee - tipPaid, tipPaid);
  },
};
