/**
 * `ChargeTransactionPayment` (Kusama's `FungibleAdapter<Balances, DealWithFees>`): the fee is
 * withdrawn before dispatch without letting it reap the payer, the unused part is refunded after,
 * and what was paid goes to the runtime's `onChargedFee`. `dealWithFees` is the handler Kusama's
 * runtime uses (a share to the treasury, the rest and the tip to the block author).
 */
import {
  type CheckedCall,
  DispatchFailure,
  extensionData,
  invalid,
  minBig,
  priority,
  type TransactionExtension,
} from "@canary/frame";
import type { AccountId32 } from "@canary/primitives";
import type { BalancesInstance } from "../balances/index.ts";
import type { TransactionPaymentSelf } from "./config.ts";
import type { FeeFns } from "./fee.ts";

/** `Imbalance::ration(share, 100 - share)`: the first part rounds down, the second takes the rest. */
export function splitFee(fee: bigint, firstPercent: bigint): [bigint, bigint] {
  const first = (fee * firstPercent) / 100n;
  return [first, fee - first];
}

/** Kusama's `DealWithFees`: `treasuryPercent` of the fee to the treasury; the rest and the tip to the author, burned without one. */
export function dealWithFees(o: {
  currency: BalancesInstance;
  treasury: AccountId32;
  treasuryPercent: bigint;
  author: () => AccountId32 | undefined;
}): (fee: bigint, tip: bigint) => void {
  return (fee, tip) => {
    const [toTreasury, toAuthor] = splitFee(fee, o.treasuryPercent);
    o.currency.api.deposit(o.treasury, toTreasury);
    const who = o.author();
    if (who) o.currency.api.deposit(who, toAuthor + tip);
  };
}

/** Withdrawing and settling fees for one transaction-payment instance. */
export function paymentFns(self: TransactionPaymentSelf, { computeFee }: FeeFns) {
  const { currency, onChargedFee } = self.config;
  function withdrawFee(who: AccountId32, fee: bigint, tip: bigint): bigint {
    if (fee === 0n) return 0n;
    try {
      return currency.api.withdraw(who, fee, tip === 0n ? "Fee" : "All", true);
    } catch (e) {
      if (e instanceof DispatchFailure) throw invalid({ tag: "Payment" }, `cannot pay the fee of ${fee}`);
      throw e;
    }
  }

  /**
   * Refunds `paid − actualFee` to `who`, hands the rest to the runtime's fee handler, then reports
   * `TransactionFeePaid`: Substrate's order (`correct_and_deposit_fee`, then the event), so the
   * events of a transaction read Withdraw, …, Deposit (refund), Deposit (treasury, author), TransactionFeePaid.
   */
  function settleFee(who: AccountId32, paid: bigint, actualFee: bigint, tip: bigint): void {
    // The refund goes back to an account the withdrawal kept alive, so it always lands.
    currency.api.deposit(who, paid - actualFee);
    const tipPaid = minBig(tip, actualFee);
    onChargedFee(actualFee - tipPaid, tipPaid);
    self.emit("TransactionFeePaid", { who, actual_fee: actualFee, tip });
  }

  /** The signed extension: fee and tip withdrawn at check, refunded by actual weight after dispatch. */
  const extension: TransactionExtension<bigint, undefined, bigint> = {
    ...extensionData("ChargeTransactionPayment"),
    check: ({ who, info, len }: CheckedCall, tip, ctx) => {
      const fee = computeFee(len, info, tip);
      const paid = withdrawFee(who as AccountId32, fee, tip);
      const multiplier = BigInt(self.config.operationalFeeMultiplier);
      return { validity: { priority: priority(ctx.limits, info, len, tip, fee, multiplier) }, pre: paid };
    },
    postDispatch: (paid, { who, len }, tip, actual) => {
      const fee = actual.paysFee === "Yes" ? computeFee(len, actual, tip) : tip;
      settleFee(who as AccountId32, paid, minBig(fee, paid), tip);
    },
  };

  return { withdrawFee, settleFee, extension };
}
