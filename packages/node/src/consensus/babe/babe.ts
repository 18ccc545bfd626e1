/** BABE's parts for one chain: the epoch resolver, the import checks and this node's claims. */
import type { Keypair } from "@canary/crypto";
import { bytesEqual } from "@canary/primitives";
import type { Chain } from "../../chain/chain.ts";
import { BabeClaimer, type BabeKeyLookup } from "./claimer.ts";
import { EpochResolver } from "./epochs.ts";
import { BabeVerifier } from "./verifier.ts";

export interface BabeConsensusOptions {
  /** The keys this node claims slots with: a list, or a lookup (the keystore). */
  keys?: readonly Keypair[] | BabeKeyLookup;
  /** The chain's slot length in ms; default: the runtime's (BabeApi_configuration). */
  slotDurationMs?: number;
  /** See BabeVerifierOptions.maxFutureSlots: undefined, no bound. */
  maxFutureSlots?: bigint | undefined;
  now?: () => number;
}

export interface BabeConsensus {
  epochs: EpochResolver;
  verifier: BabeVerifier;
  claimer: BabeClaimer;
}

/** `chain` is a function because the chain is built with the verifier this returns. */
export function babeConsensus(chain: () => Chain, options: BabeConsensusOptions = {}): BabeConsensus {
  const epochs = new EpochResolver(chain);
  const keys = options.keys ?? [];
  const lookup: BabeKeyLookup =
    typeof keys === "function" ? keys : (publicKey) => keys.find((k) => bytesEqual(k.publicKey, publicKey));
  const verifier = new BabeVerifier({
    epochs,
    maxFutureSlots: options.maxFutureSlots,
    ...(options.slotDurationMs !== undefined ? { slotDurationMs: options.slotDurationMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { epochs, verifier, claimer: new BabeClaimer(epochs, lookup) };
}
