/**
 * A second, small runtime for tests that run two runtimes side by side: System, two instances of
 * Balances (a native and a "foreign" token) and Utility, with its own signed extensions (System's,
 * without fees or a metadata hash). It shows what a runtime chooses when it is composed.
 */
import {
  Executive,
  RuntimeApis,
  RuntimeBuilder,
  type RuntimeVersion,
  SYSTEM_EXTENSIONS,
  transactionExtensions,
} from "@canary/frame";
import {
  Balances,
  balancesDefaults,
  System,
  systemDefaults,
  Utility,
  utilityDefaults,
} from "@canary/pallets";

export const MINI_VERSION: RuntimeVersion = {
  spec_name: "canary-mini",
  impl_name: "canary-mini",
  authoring_version: 1,
  spec_version: 1,
  impl_version: 0,
  apis: [],
  transaction_version: 1,
  system_version: 1,
};

export function composeMini() {
  const b = new RuntimeBuilder("canary_mini_runtime");
  const system = b.add(0, System, { ...systemDefaults(() => MINI_VERSION), ss58Prefix: 42 });
  const balances = b.add(10, Balances, { ...balancesDefaults(system), existentialDeposit: 1_000n });
  // A second instance: its own storage prefix, metadata name, calls, configuration and accounts.
  const foreign = b.add(
    11,
    Balances,
    { ...balancesDefaults(system), existentialDeposit: 5n, accountStore: "own" },
    "ForeignBalances",
  );
  b.add(40, Utility, utilityDefaults(system));
  const runtime = b.build({ depositEvent: (event) => system.api.depositEvent(event) });
  const extensions = transactionExtensions(SYSTEM_EXTENSIONS);
  const executive = new Executive({
    runtime,
    system: system.api.executive,
    version: () => MINI_VERSION,
    extensions,
  });
  return {
    runtime,
    extensions,
    executive,
    apis: new RuntimeApis([]),
    pallets: { system, balances, foreign },
  };
}
