/** The well-known development accounts (`//Alice` ... `//Ferdie` and their `//stash`), as in Substrate. */

import type { Keypair, Scheme } from "./keypair.ts";
import { DEV_PHRASE, deriveKeypair, keypairFromSeed, miniSecretFromMnemonic } from "./keyring.ts";
import { parseDerivePath } from "./suri.ts";

export const DEV_ACCOUNT_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"] as const;
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number];

export interface DevAccount {
  /** "Alice" or "Alice//stash". */
  readonly name: string;
  /** The secret URI that gives this pair, e.g. "//Alice//stash". */
  readonly suri: string;
  readonly keypair: Keypair;
}

// Deriving the dev root runs PBKDF2 (2048 rounds), so each scheme's root and list are computed once.
const roots = new Map<Scheme, Keypair>();
const lists = new Map<Scheme, readonly DevAccount[]>();

function devRoot(scheme: Scheme): Keypair {
  let root = roots.get(scheme);
  if (root === undefined) {
    root = keypairFromSeed(scheme, miniSecretFromMnemonic(DEV_PHRASE));
    roots.set(scheme, root);
  }
  return root;
}

export function devKeypair(name: DevAccountName, scheme: Scheme = "sr25519", stash = false): Keypair {
  return deriveKeypair(devRoot(scheme), parseDerivePath(stash ? `//${name}//stash` : `//${name}`));
}

/** Alice, Alice//stash, Bob, Bob//stash, ... Ferdie//stash, in that order. */
export function devAccounts(scheme: Scheme = "sr25519"): readonly DevAccount[] {
  let list = lists.get(scheme);
  if (list === undefined) {
    list = Object.freeze(
      DEV_ACCOUNT_NAMES.flatMap((name) => [
        { name, suri: `//${name}`, keypair: devKeypair(name, scheme) },
        { name: `${name}//stash`, suri: `//${name}//stash`, keypair: devKeypair(name, scheme, true) },
      ]),
    );
    lists.set(scheme, list);
  }
  return list;
}
