/**
 * BABE for tests and benchmarks that build chains by hand: Alice as the genesis's one validator
 * (her session keys in a genesis config), and BABE's parts for a chain with her key.
 */
import { devKeypair, findBabePreDigest, type Keypair, sealBabeHeader } from "@canary/crypto";
import { type BabeConsensus, babeConsensus, type Chain } from "@canary/node";
import {
  BABE_ENGINE_ID,
  BabePreDigest,
  type Block,
  type DigestItem,
  preRuntimeItem,
  ss58Encode,
  toHex,
} from "@canary/primitives";
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

/**
 * `block` with its digest rebuilt and sealed again by `key`: `preDigest` (default: its own) as the
 * pre-runtime claim, then the other items (`edit` may change them), then the seal. Import checks
 * run before execution, so a changed claim is judged on its own.
 */
export function resealed(
  block: Block,
  key: Keypair,
  options: { preDigest?: BabePreDigest; edit?: (items: DigestItem[]) => DigestItem[] } = {},
): Block {
  const pre = options.preDigest ?? findBabePreDigest(block.header);
  const rest = block.header.digest.filter((d) => d.tag !== "PreRuntime" && d.tag !== "Seal");
  const header = {
    ...block.header,
    digest: [preRuntimeItem(BABE_ENGINE_ID, BabePreDigest.enc(pre)), ...(options.edit?.(rest) ?? rest)],
  };
  return { ...block, header: sealBabeHeader(header, key) };
}
