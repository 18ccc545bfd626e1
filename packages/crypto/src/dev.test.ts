import { toHex } from "@canary/primitives";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady, encodeAddress } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { DEV_ACCOUNT_NAMES, devAccounts, devKeypair } from "./dev.ts";
import { initCrypto } from "./init.ts";
import type { Scheme } from "./keypair.ts";

beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
});

describe("dev accounts", () => {
  it("lists Alice..Ferdie and their stashes in order", () => {
    const names = devAccounts().map((a) => a.name);
    expect(names).toEqual(DEV_ACCOUNT_NAMES.flatMap((n) => [n, `${n}//stash`]));
    expect(devAccounts()).toBe(devAccounts()); // computed once
    expect(toHex(devKeypair("Alice").publicKey)).toBe(DEV_ACCOUNT_IDS.Alice.publicKey);
  });

  it("are the ones in the shared test table (test/support/devAccounts.ts), by @polkadot/keyring", () => {
    for (const [name, ids] of Object.entries(DEV_ACCOUNT_IDS)) {
      const pair = new Keyring({ type: "sr25519", ss58Format: 2 }).createFromUri(`//${name}`);
      expect([name, toHex(pair.publicKey)]).toEqual([name, ids.publicKey]);
      expect([name, pair.address]).toEqual([name, ids.ss58]);
      expect([name, encodeAddress(pair.publicKey, 42)]).toEqual([name, ids.ss58Generic]);
    }
  });

  it.each<Scheme>(["sr25519", "ed25519", "ecdsa"])("equal @polkadot/keyring's dev pairs for %s", (scheme) => {
    const keyring = new Keyring({ type: scheme });
    for (const account of devAccounts(scheme)) {
      const expected = toHex(keyring.createFromUri(account.suri, {}, scheme).publicKey);
      expect([account.name, toHex(account.keypair.publicKey)]).toEqual([account.name, expected]);
      expect(account.keypair.scheme).toBe(scheme);
    }
  });
});
