import {
  checkMetadataHash,
  type DispatchInfo,
  Executive,
  encodeApplyExtrinsicResult,
  type RuntimeCall,
  SYSTEM_EXTENSIONS,
  TransactionRejected,
  transactionExtensions,
  weight,
} from "@canary/frame";
import {
  type AccountId32,
  type CanaryExtra,
  encodeExtrinsic,
  payloadToSign,
  signingPayload,
  toHex,
} from "@canary/primitives";
import { sr25519KeypairFromSeed, sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Balances, type BalancesInstance, balancesDefaults } from "../balances/index.ts";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import {
  checkSystemInvariants,
  MOCK_VERSION,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import {
  dealWithFees,
  FIXED_ONE,
  splitFee as ration,
  TransactionPayment,
  type TransactionPaymentInstance,
  transactionPaymentDefaults,
} from "./index.ts";

const UNITS = 1_000_000_000_000n;
const ED = 333_333_333n;
const alice = new Uint8Array(32).fill(1);
const author = new Uint8Array(32).fill(9);
const treasury = new Uint8Array(32).fill(8);
/** Kusama's split: 80% to the treasury, 20% (and tips) to the author. */
const splitFee = (fee: bigint) => {
  const [toTreasury, toAuthor] = ration(fee, 80n);
  return { treasury: toTreasury, author: toAuthor };
};

type Chain = MockChain & { balances: BalancesInstance; payment: TransactionPaymentInstance };
let chain: Chain;
/** The current block's author, as the runtime's fee handler sees it. */
let blockAuthor: AccountId32 | undefined;
afterEach(() => {
  blockAuthor = undefined;
  if (!chain) return;
  expect(checkSystemInvariants(chain)).toEqual([]);
  expect(checkBalancesInvariants(chain)).toEqual([]);
});

function newChain(options: Parameters<typeof mockChain>[1] = {}): Chain {
  chain = mockChain((b, system) => {
    const balances = b.add(4, Balances, balancesDefaults(system));
    const onChargedFee = dealWithFees({
      currency: balances,
      treasury,
      treasuryPercent: 80n,
      author: () => blockAuthor,
    });
    const payment = b.add(33, TransactionPayment, {
      ...transactionPaymentDefaults(system, balances),
      onChargedFee,
    });
    return { balances, payment };
  }, options);
  return chain;
}

function setup(funded: Array<[AccountId32, bigint]> = [[alice, 100n * UNITS]]): void {
  newChain();
  chain.run(() => {
    chain.balances.genesis?.build({ balances: funded });
    chain.payment.genesis?.build({});
  });
  startBlock(chain);
}
const tp = () => chain.payment.api;
const payment = {
  withdrawFee: (...a: [AccountId32, bigint, bigint]) => tp().withdrawFee(...a),
  settleFee: (...a: [AccountId32, bigint, bigint, bigint]) => tp().settleFee(...a),
};

const info = (refTime: bigint, o: Partial<DispatchInfo> = {}): DispatchInfo => ({
  weight: weight(refTime),
  class: "Normal",
  paysFee: "Yes",
  ...o,
});

describe("fees (Kusama's formula)", () => {
  // Hand computation: coeff = CENTS / (10 · 124_706_000) = 333_333_333 / 1_247_060_000, held as
  // Perbill floor(333_333_333e9 / 1_247_060_000) = 267_295_345 parts; the base fee is
  // round(124_706_000 · 0.267295345) = 33_333_333 (CENTS / 10), and a byte costs 10 MILLICENTS =
  // 3_333_330.
  it("charges base + length + weight at multiplier 1, plus the tip", () => {
    setup();
    chain.run(() => {
      expect(tp().weightToFee(weight(124_706_000n))).toBe(33_333_333n);
      expect(tp().weightToFee(weight(1_000_000_000n))).toBe(267_295_345n);
      expect(tp().lengthToFee(100)).toBe(333_333_000n);
      expect(tp().computeFeeDetails(100, info(1_000_000_000n), 7n)).toEqual({
        inclusionFee: { baseFee: 33_333_333n, lenFee: 333_333_000n, adjustedWeightFee: 267_295_345n },
        tip: 7n,
      });
      expect(tp().computeFee(100, info(1_000_000_000n), 7n)).toBe(
        33_333_333n + 333_333_000n + 267_295_345n + 7n,
      );
    });
  });

  it("charges only the tip for calls that do not pay", () => {
    setup();
    chain.run(() => {
      expect(tp().computeFeeDetails(100, info(1_000_000_000n, { paysFee: "No" }), 5n)).toEqual({
        inclusionFee: undefined,
        tip: 5n,
      });
      expect(tp().computeFee(100, info(1_000_000_000n, { paysFee: "No" }), 5n)).toBe(5n);
    });
  });

  it("scales the weight part, and only it, by the multiplier (truncating)", () => {
    setup();
    chain.run(() => {
      chain.payment.storage.NextFeeMultiplier.set(FIXED_ONE + FIXED_ONE / 2n); // 1.5
      const d = tp().computeFeeDetails(10, info(1_000_000_001n), 0n).inclusionFee!;
      // WeightToFee(1_000_000_001) = round(267_295_345.267...) = 267_295_345; ×1.5 = 400_943_017.5 → 400_943_017
      expect(d.adjustedWeightFee).toBe(400_943_017n);
      expect(d.baseFee).toBe(33_333_333n);
      expect(d.lenFee).toBe(33_333_300n);
    });
  });

  it("caps the weight at the block's maximum", () => {
    setup();
    chain.run(() => {
      const max = tp().computeFeeDetails(0, info(2_000_000_000_000n), 0n).inclusionFee!.adjustedWeightFee;
      expect(tp().computeFeeDetails(0, info(10n ** 15n), 0n).inclusionFee!.adjustedWeightFee).toBe(max);
    });
  });
});

describe("withdrawing and settling", () => {
  it("withdraws the fee, refunds the unused part, and deals 80% to the treasury, 20% and the tip to the author", () => {
    setup([
      [alice, 100n * UNITS],
      [author, UNITS],
    ]);
    blockAuthor = author;
    chain.run(() => {
      const issuance = chain.balances.api.totalIssuance();
      const paid = payment.withdrawFee(alice, 1_000_000_000n + 100n, 100n);
      expect(chain.balances.api.freeBalance(alice)).toBe(100n * UNITS - 1_000_000_100n);
      payment.settleFee(alice, paid, 600_000_100n, 100n);
      expect(chain.balances.api.freeBalance(alice)).toBe(100n * UNITS - 600_000_100n);
      expect(chain.balances.api.freeBalance(treasury)).toBe(480_000_000n);
      expect(chain.balances.api.freeBalance(author)).toBe(UNITS + 120_000_000n + 100n);
      expect(chain.balances.api.totalIssuance()).toBe(issuance);
      const fee = chain.system.storage.Events.get().find((e) => e.event.tag === "TransactionPayment");
      expect(fee?.event.value).toEqual({
        tag: "TransactionFeePaid",
        value: { who: alice, actual_fee: 600_000_100n, tip: 100n },
      });
      // Substrate's order: the withdrawal, the refund, the treasury's and the author's deposits, then the event.
      const names = chain.system.storage.Events.get().map((e) => `${e.event.tag}.${e.event.value.tag}`);
      expect(names).toEqual([
        "Balances.Withdraw",
        "Balances.Deposit",
        "System.NewAccount",
        "Balances.Endowed",
        "Balances.Deposit",
        "Balances.Deposit",
        "TransactionPayment.TransactionFeePaid",
      ]);
    });
  });

  it("splits as Imbalance::ration(80, 20): the treasury's share rounds down", () => {
    expect(splitFee(999n)).toEqual({ treasury: 799n, author: 200n });
    expect(splitFee(1n)).toEqual({ treasury: 0n, author: 1n });
  });

  it("burns the author's share and the tip when the block has no author", () => {
    setup();
    chain.run(() => {
      const issuance = chain.balances.api.totalIssuance();
      const paid = payment.withdrawFee(alice, 1_000_000_000n, 10n);
      payment.settleFee(alice, paid, 1_000_000_000n, 10n);
      expect(chain.balances.api.freeBalance(treasury)).toBe(799_999_992n); // 80% of the fee without the tip
      expect(chain.balances.api.totalIssuance()).toBe(issuance - 1_000_000_000n + 799_999_992n);
    });
  });

  it("refuses a fee that would take the payer below the existential deposit, changing nothing", () => {
    setup([[alice, ED + 1_000n]]);
    chain.run(() => {
      const root = toHex(chain.host.storageRoot(1));
      const attempt = () => payment.withdrawFee(alice, 1_001n, 0n);
      expect(attempt).toThrow(TransactionRejected);
      expect(attempt).toThrow(
        expect.objectContaining({ error: { tag: "Invalid", value: { tag: "Payment" } } }),
      );
      expect(toHex(chain.host.storageRoot(1))).toBe(root);
      expect(payment.withdrawFee(alice, 1_000n, 0n)).toBe(1_000n);
    });
  });

  it("lets a treasury share below the deposit go (burned), as a dropped imbalance", () => {
    setup();
    chain.run(() => {
      const paid = payment.withdrawFee(alice, 100n, 0n);
      payment.settleFee(alice, paid, 100n, 0n);
      expect(chain.balances.api.freeBalance(treasury)).toBe(0n);
    });
  });
});

describe("the targeted fee multiplier", () => {
  const normalMax = 1_500_000_000_000n; // 75% of Kusama's 2 s block
  // By hand, v = 75/1_000_000: an empty block is d = 0.25 below target, so next = 1 − (v·d − v²d²/2)
  // = 1 − (0.00001875 − 0.00000000017578125); a full Normal class is d = 0.75 above it, so
  // next = 1 + 0.00005625 + 0.000000001582031250. Every step is exact in 18 decimals.
  const AFTER_EMPTY = 999_981_250_175_781_250n;
  const AFTER_FULL = 1_000_056_251_582_031_250n;

  it("falls after an empty block, rises after a full one, and stays put at the target", () => {
    setup();
    chain.run(() => {
      const empty = tp().nextMultiplier(FIXED_ONE, weight(0n));
      const full = tp().nextMultiplier(FIXED_ONE, weight(normalMax));
      const target = tp().nextMultiplier(FIXED_ONE, weight(normalMax / 4n));
      expect(empty).toBe(AFTER_EMPTY);
      expect(full).toBe(AFTER_FULL);
      expect(target).toBe(FIXED_ONE);
      // Proportional to the previous value.
      expect(tp().nextMultiplier(2n * FIXED_ONE, weight(normalMax))).toBe(2n * AFTER_FULL);
    });
  });

  it("never goes below 0.1 and treats a lower stored value as 0.1", () => {
    setup();
    chain.run(() => {
      let m = FIXED_ONE;
      for (let i = 0; i < 200_000 && m > FIXED_ONE / 10n; i++) m = tp().nextMultiplier(m, weight(0n));
      expect(m).toBe(FIXED_ONE / 10n);
      expect(tp().nextMultiplier(FIXED_ONE / 10n, weight(0n))).toBe(FIXED_ONE / 10n);
      expect(tp().nextMultiplier(1n, weight(normalMax)) > FIXED_ONE / 10n).toBe(true);
    });
  });

  it("is updated at the end of each block from the Normal class's weight", () => {
    setup();
    chain.run(() => {
      chain.system.api.executive.setBlockWeight({
        Normal: weight(normalMax),
        Operational: weight(0n),
        Mandatory: weight(0n),
      });
      chain.payment.hooks.onFinalize?.(1);
      expect(chain.payment.storage.NextFeeMultiplier.get()).toBe(
        tp().nextMultiplier(FIXED_ONE, weight(normalMax)),
      );
    });
  });
});

describe("through the executive", () => {
  let signer: { public: Uint8Array; secret: Uint8Array };
  beforeAll(async () => {
    await waitReady();
    const kp = sr25519KeypairFromSeed(new Uint8Array(32).fill(5));
    signer = { secret: kp.slice(0, 64), public: kp.slice(64) };
  });

  it("charges a signed transfer its fee and tip, and refunds nothing when the weight was as declared", () => {
    newChain({ sr25519Verify: (sig, msg, pub) => sr25519Verify(sig, msg, pub) });
    blockAuthor = author;
    const genesis = new Uint8Array(32).fill(0xee);
    chain.run(() => {
      chain.balances.genesis?.build({
        balances: [
          [signer.public, 10n * UNITS],
          [author, UNITS],
        ],
      });
      chain.system.storage.BlockHash.set(0, genesis);
    });
    const executive = new Executive({
      runtime: chain.runtime,
      system: chain.system.api.executive,
      version: () => MOCK_VERSION,
      extensions: transactionExtensions([
        ...SYSTEM_EXTENSIONS,
        chain.payment.api.extension,
        checkMetadataHash(undefined),
      ]),
    });
    const transfer: RuntimeCall = {
      tag: "Balances",
      value: { tag: "transfer_keep_alive", value: { dest: { tag: "Id", value: alice }, value: UNITS } },
    };
    const call = chain.runtime.callCodec.enc(transfer);
    const extra: CanaryExtra = { era: { tag: "Immortal" }, nonce: 0, tip: 1_000n, metadataHashMode: 0 };
    const { spec_version, transaction_version } = MOCK_VERSION;
    const payload = signingPayload({
      call,
      extra,
      additional: {
        specVersion: spec_version,
        txVersion: transaction_version,
        genesisHash: genesis,
        birthHash: genesis,
        metadataHash: undefined,
      },
    });
    const xt = encodeExtrinsic({
      call,
      signed: {
        address: { tag: "Id", value: signer.public },
        signature: {
          tag: "Sr25519",
          value: sr25519Sign(signer.public, signer.secret, payloadToSign(payload)),
        },
        extra,
      },
    });
    chain.run(() => {
      const expected = tp().computeFee(xt.length, chain.runtime.info(transfer), 1_000n);
      const issuance = chain.balances.api.totalIssuance();
      executive.initializeBlock({
        parentHash: genesis,
        number: 1,
        stateRoot: new Uint8Array(32),
        extrinsicsRoot: new Uint8Array(32),
        digest: [],
      });
      expect(toHex(encodeApplyExtrinsicResult(executive.applyExtrinsic(xt)))).toBe("0x0000");
      expect(chain.balances.api.freeBalance(signer.public)).toBe(10n * UNITS - UNITS - expected);
      const { treasury: toTreasury, author: toAuthor } = splitFee(expected - 1_000n);
      expect(chain.balances.api.freeBalance(treasury)).toBe(toTreasury);
      expect(chain.balances.api.freeBalance(author)).toBe(UNITS + toAuthor + 1_000n);
      expect(chain.balances.api.totalIssuance()).toBe(issuance);
    });
  });
});
