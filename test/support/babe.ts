/**
 * BABE for tests and benchmarks that build chains by hand: Alice as the genesis's one validator
 * (her session keys in a genesis config), and BABE's parts for a chain with her key.
 */
import { devKeypair } from "@canary/crypto";
import { type BabeConsensus, babeConsensus, type Chain } from "@canary/node";
import { ss58Encode, toHex } from "@canary/primitives";
import { DEV_ACCOUNTS, devSessionKeys } from "../../runtimes/relay/src/index.ts";
import { SESSION_KEY_TYPES } from "../../runtimes/relay/src/sessionKeys.ts";

/** A validator's `session.keys` entry in a genesis config: `[account, validator, {type: hex key}]`. */
export function sessionEntry(
  account: Uint8Array,
  keys: Record<string, Uint8Array>,
): [string, string, Record<string, string>] {
  const id = ss58Encode(account, 2);
  return [id, id, Object.fromEntries(SESSION_KEY_TYPES.map((t) => [t.name, toHex(keys[t.name]!)]))];
}

/** The `"session"` section of a genesis config that makes Alice the one validator. */
export function aliceSession(): string {
  return `"session":${JSON.stringify({ keys: [sessionEntry(DEV_ACCOUNTS.Alice, devSessionKeys("Alice"))] })}`;
}

/** BABE for `chain` with Alice's key, imports unbounded by the clock. */
export const aliceBabe = (chain: () => Chain): BabeConsensus =>
  babeConsensus(chain, { keys: [devKeypair("Alice")] });
