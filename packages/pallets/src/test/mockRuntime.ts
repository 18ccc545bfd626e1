/**
 * A mock runtime for pallet tests: the pallets under test composed with fixed indices over an
 * in-memory host, and invariants that every test checks when it ends (DESIGN.md §7).
 */
import { composeRuntime, type Pallet, type Runtime, withHost } from "@canary/frame";
import { MemoryHost, type MemoryHostOptions } from "@canary/frame/testing";
import { toHex } from "@canary/primitives";
import { depositEvent, initializeBlock, System, systemStorage } from "../system/index.ts";

export interface MockChain {
  host: MemoryHost;
  runtime: Runtime;
  /** Runs `fn` inside a runtime call on this chain's state. */
  run<T>(fn: () => T): T;
}

export function mockChain(
  pallets: ReadonlyArray<readonly [number, Pallet]> = [],
  options: MemoryHostOptions = {},
) {
  const runtime = composeRuntime({
    crate: "canary_mock_runtime",
    pallets: [[0, System as unknown as Pallet], ...pallets],
    depositEvent: (event) => depositEvent(event),
  });
  const host = new MemoryHost([], options);
  const chain: MockChain = { host, runtime, run: (fn) => withHost(host, fn) };
  return chain;
}

/** Starts block `number` so that events are recorded (FRAME records none at block 0). */
export function startBlock(chain: MockChain, number = 1): void {
  chain.run(() => initializeBlock(number, new Uint8Array(32).fill(number - 1), []));
}

/** System's invariants: no account without providers or sufficients; no consumer without a provider. */
export function checkSystemInvariants(chain: MockChain): string[] {
  const problems: string[] = [];
  chain.run(() => {
    for (const [[who], info] of systemStorage.Account.entries()) {
      const id = toHex(who);
      if (info.providers === 0 && info.sufficients === 0) problems.push(`${id}: stored with no providers`);
      if (info.consumers > 0 && info.providers === 0) problems.push(`${id}: consumers without providers`);
    }
  });
  return problems;
}
