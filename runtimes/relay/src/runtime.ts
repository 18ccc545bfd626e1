/**
 * The relay runtime's composition (`construct_runtime!`): the pallets with Kusama's indices and
 * their configuration, the signed extensions in Kusama's order, where fees go, and the executive
 * that drives them. Each call of `composeRelay` makes a runtime of its own.
 */
import {
  blockLimits,
  checkMetadataHash,
  Executive,
  palletAccount,
  type Runtime,
  RuntimeBuilder,
  type RuntimeVersion,
  SYSTEM_EXTENSIONS,
  type TransactionExtensions,
  transactionExtensions,
} from "@canary/frame";
import {
  Balances,
  balancesDefaults,
  dealWithFees,
  Sudo,
  System,
  systemDefaults,
  Timestamp,
  TransactionPayment,
  transactionPaymentDefaults,
  Utility,
  utilityDefaults,
} from "@canary/pallets";
import { MILLISECS_PER_BLOCK, SS58_PREFIX } from "./constants.ts";
import { builtMetadataHash } from "./metadataHash.ts";

/** The treasury's account (Kusama's `TreasuryPalletId`, "py/trsry"): 80% of every fee. */
export const TREASURY_ACCOUNT = palletAccount("py/trsry");

function compose(version: () => RuntimeVersion) {
  const limits = blockLimits();
  const b = new RuntimeBuilder("canary_relay_runtime");
  const system = b.add(0, System, { ...systemDefaults(version), ss58Prefix: SS58_PREFIX, limits });
  const timestamp = b.add(2, Timestamp, {
    minimumPeriod: MILLISECS_PER_BLOCK / 2n,
    onTimestampSet: () => {},
  });
  const balances = b.add(4, Balances, balancesDefaults(system));
  const utility = b.add(24, Utility, utilityDefaults(system));
  // Kusama's DealWithFees: 80% to the treasury, 20% and tips to the block author. Without an
  // on-chain author (until Authorship lands) the author's share is burned.
  const onChargedFee = dealWithFees({
    currency: balances,
    treasury: TREASURY_ACCOUNT,
    treasuryPercent: 80n,
    author: () => undefined,
  });
  const transactionPayment = b.add(33, TransactionPayment, {
    ...transactionPaymentDefaults(system, balances, limits),
    onChargedFee,
  });
  // Sudo sits at 255 while the chain is PoA (Kusama's was removed).
  const sudo = b.add(255, Sudo, {});
  const runtime = b.build({ depositEvent: (event) => system.api.depositEvent(event) });
  return { runtime, limits, pallets: { system, timestamp, balances, utility, transactionPayment, sudo } };
}

export type RelayPallets = ReturnType<typeof compose>["pallets"];

export interface Relay {
  runtime: Runtime;
  executive: Executive;
  pallets: RelayPallets;
  extensions: TransactionExtensions;
}

export interface ComposeOptions {
  /**
   * The RFC-0078 metadata hash `CheckMetadataHash` accepts in mode 1 (default: the one baked into
   * the bundle, none when run from sources).
   */
  readonly metadataHash?: Uint8Array;
}

/** Composes the relay runtime; `version` is read when needed (it lists the APIs, built afterwards). */
export function composeRelay(version: () => RuntimeVersion, options: ComposeOptions = {}): Relay {
  const { runtime, limits, pallets } = compose(version);
  // Kusama's order, CheckMetadataHash last.
  const extensions = transactionExtensions([
    ...SYSTEM_EXTENSIONS,
    pallets.transactionPayment.api.extension,
    checkMetadataHash(options.metadataHash ?? builtMetadataHash()),
  ]);
  const executive = new Executive({
    runtime,
    system: pallets.system.api.executive,
    version,
    extensions,
    limits,
  });
  return { runtime, executive, pallets, extensions };
}
