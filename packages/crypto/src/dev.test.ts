import { toHex } from "@canary/primitives";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
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
    expect(toHex(devKeypair("Alice").publicKey)).toBe(
      "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
    );
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
