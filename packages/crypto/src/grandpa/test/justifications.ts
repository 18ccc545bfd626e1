/** Builders for GRANDPA tests and benchmarks: a chain of headers, voters, and justifications. */
import { blockHash, type GrandpaJustification, type GrandpaTarget, type Header } from "@canary/primitives";
import { ed25519KeypairFromSeed } from "../../ed25519.ts";
import type { Keypair } from "../../keypair.ts";
import { signGrandpaVote } from "../vote.ts";

/** `count` ed25519 voters with distinct seeds (needs initCrypto). */
export function voters(count: number, salt = 0): Keypair[] {
  return Array.from({ length: count }, (_, i) => {
    const seed = new Uint8Array(32);
    new DataView(seed.buffer).setUint32(0, i + 1);
    seed[31] = salt;
    return ed25519KeypairFromSeed(seed);
  });
}

/** A chain of `length` headers after a fake genesis; `fork` changes the state roots to branch off. */
export function chain(length: number, from?: Header, fork = 0): Header[] {
  const out: Header[] = [];
  let parent = from;
  for (let i = 0; i < length; i++) {
    const number = (parent?.number ?? -1) + 1;
    const header: Header = {
      parentHash: parent ? blockHash(parent) : new Uint8Array(32),
      number,
      stateRoot: new Uint8Array(32).fill(fork),
      extrinsicsRoot: new Uint8Array(32),
      digest: [],
    };
    out.push(header);
    parent = header;
  }
  return out;
}

export const targetOf = (h: Header): GrandpaTarget => ({ targetHash: blockHash(h), targetNumber: h.number });

/**
 * A justification for `target` in which each of `signers` precommits to `votes[i]` (default: the
 * target), with the given ancestry headers.
 */
export function justification(opts: {
  signers: Keypair[];
  target: Header;
  round?: bigint;
  setId?: bigint;
  votes?: Header[];
  ancestries?: Header[];
}): GrandpaJustification {
  const round = opts.round ?? 1n;
  const setId = opts.setId ?? 0n;
  const precommits = opts.signers.map((pair, i) => {
    const precommit = targetOf(opts.votes?.[i] ?? opts.target);
    const signed = signGrandpaVote(pair, { tag: "Precommit", value: precommit }, round, setId);
    return { precommit, signature: signed.signature, id: pair.publicKey };
  });
  return {
    round,
    commit: { ...targetOf(opts.target), precommits },
    votesAncestries: opts.ancestries ?? [],
  };
}
