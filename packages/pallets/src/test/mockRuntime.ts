/**
 * A mock runtime for pallet tests: System and the pallets under test composed with fixed indices
 * over an in-memory host, and invariants that every test checks when it ends (DESIGN.md §7).
 */
import {
  checkMetadataHash,
  Executive,
  extensionData,
  priority,
  type Runtime,
  RuntimeBuilder,
  type RuntimeVersion,
  SYSTEM_EXTENSIONS,
  type TransactionExtension,
  transactionExtensions,
  withHost,
} from "@canary/frame";
import { MemoryHost, type MemoryHostOptions } from "@canary/frame/testing";
import { toHex } from "@canary/primitives";
import { System, type SystemConfig, type SystemInstance, systemDefaults } from "../system/index.ts";

export const MOCK_VERSION: RuntimeVersion = {
  spec_name: "canary",
  impl_name: "canary-node",
  authoring_version: 1,
  spec_version: 1,
  impl_version: 0,
  apis: [],
  transaction_version: 1,
  system_version: 1,
};

export interface MockChain {
  host: MemoryHost;
  runtime: Runtime;
  system: SystemInstance;
  /** Runs `fn` inside a runtime call on this chain's state. */
  run<T>(fn: () => T): T;
}

/**
 * A chain of System (index 0) and what `add` puts on the builder; `add` returns the instances the
 * test uses. Each call composes a new runtime: tests share nothing.
 */
export function mockChain<P = Record<string, never>>(
  add: (builder: RuntimeBuilder, system: SystemInstance) => P = () => ({}) as P,
  options: MemoryHostOptions & { system?: Partial<SystemConfig> } = {},
): MockChain & P {
  const builder = new RuntimeBuilder("canary_mock_runtime");
  const system = builder.add(0, System, { ...systemDefaults(() => MOCK_VERSION), ...options.system });
  const pallets = add(builder, system);
  const runtime = builder.build({ depositEvent: (event) => system.api.depositEvent(event) });
  const host = new MemoryHost([], options);
  return { host, runtime, system, run: (fn) => withHost(host, fn), ...pallets };
}

/**
 * An executive over the chain with Kusama's extension list; `payment` is the
 * `ChargeTransactionPayment` extension (free of fees when not given: the tip only sets the priority).
 */
export function mockExecutive(chain: MockChain, payment?: TransactionExtension): Executive {
  const free: TransactionExtension<bigint> = {
    ...extensionData("ChargeTransactionPayment"),
    check: ({ info, len }, tip, ctx) => ({
      validity: { priority: priority(ctx.limits, info, len, tip, 0n, 0n) },
    }),
  };
  return new Executive({
    runtime: chain.runtime,
    system: chain.system.api.executive,
    version: () => MOCK_VERSION,
    extensions: transactionExtensions([...SYSTEM_EXTENSIONS, payment ?? free, checkMetadataHash(undefined)]),
  });
}

/** Starts block `number` so that events are recorded (FRAME records none at block 0). */
export function startBlock(chain: MockChain, number = 1): void {
  chain.run(() => chain.system.api.initializeBlock(number, new Uint8Array(32).fill(number - 1), []));
}

/** The events of the current block, as `Pallet.Event` names with their fields. */
export function blockEvents(chain: MockChain): Array<{ name: string; fields: unknown }> {
  return chain
    .run(() => chain.system.storage.Events.get())
    .map((e) => ({ name: `${e.event.tag}.${e.event.value.tag}`, fields: e.event.value.value }));
}

/** System's invariants: no account without providers or sufficients; no consumer without a provider. */
export function checkSystemInvariants(chain: MockChain): string[] {
  const problems: string[] = [];
  chain.run(() => {
    for (const [[who], info] of chain.system.storage.Account.entries()) {
      const id = toHex(who);
      if (info.providers === 0 && info.sufficients === 0) problems.push(`${id}: stored with no providers`);
      if (info.consumers > 0 && info.providers === 0) problems.push(`${id}: consumers without providers`);
    }
  });
  return problems;
}
