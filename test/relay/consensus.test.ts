/**
 * The relay's consensus state through its bundle, as nodes and light clients read it: BABE's
 * configuration and epochs and GRANDPA's authority set, from the genesis validators' session keys.
 */
import { devKeypair } from "@canary/crypto";
import { BabeApi, GrandpaApi } from "@canary/frame";
import { toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS, DEV_ECDSA, DEV_ED25519 } from "../../runtimes/relay/src/index.ts";
import { RelayChain, ready, relayBundle } from "./harness.ts";

let code: Uint8Array;
beforeAll(async () => {
  await ready();
  code = (await relayBundle()).code;
});

const keys = (list: Array<[Uint8Array, bigint]>) => list.map(([k, w]) => [toHex(k), w]);

describe("consensus state from genesis", () => {
  it("BabeApi: Kusama's slot and epoch lengths and c, the dev validator as the only authority", () => {
    const chain = new RelayChain(code);
    const config = chain.api(BabeApi).configuration();
    expect(config).toMatchObject({
      slotDuration: 6_000n,
      epochLength: 600n,
      c: [1n, 4n],
      allowedSlots: "PrimaryAndSecondaryVRFSlots",
      randomness: new Uint8Array(32),
    });
    expect(keys(config.authorities)).toEqual([[toHex(DEV_ACCOUNTS.Alice), 1n]]);
    const epoch = chain.api(BabeApi).current_epoch();
    expect(epoch).toMatchObject({ epochIndex: 0n, startSlot: 0n, duration: 600n });
    expect(keys(chain.api(BabeApi).next_epoch().authorities)).toEqual([[toHex(DEV_ACCOUNTS.Alice), 1n]]);
    // Key-ownership proofs need historical sessions, which the runtime does not keep yet.
    expect(chain.api(BabeApi).generate_key_ownership_proof(1n, DEV_ACCOUNTS.Alice)).toBeUndefined();
  });

  it("GrandpaApi and :grandpa_authorities: the local validators' ed25519 keys, set 0", () => {
    const chain = new RelayChain(code, "local_testnet");
    const grandpa = chain.api(GrandpaApi);
    expect(keys(grandpa.grandpa_authorities())).toEqual([
      [toHex(DEV_ED25519.Alice), 1n],
      [toHex(DEV_ED25519.Bob), 1n],
      [toHex(DEV_ED25519.Charlie), 1n],
      [toHex(DEV_ED25519.Dave), 1n],
    ]);
    expect(grandpa.current_set_id()).toBe(0n);
    // The well-known key holds the same list as `VersionedAuthorityList` (version 1), for light clients.
    const raw = chain.state.storageGet(WELL_KNOWN_KEYS.grandpaAuthorities)!;
    expect(toHex(raw.subarray(0, 2))).toBe("0x0110");
  });
});

describe("dev session keys", () => {
  it("name the ed25519 and ecdsa keys exactly as the dev keyring derives them", () => {
    for (const [name, key] of Object.entries(DEV_ED25519)) {
      const who = name as keyof typeof DEV_ED25519;
      expect(toHex(key)).toBe(toHex(devKeypair(who, "ed25519").publicKey));
      expect(toHex(DEV_ECDSA[who])).toBe(toHex(devKeypair(who, "ecdsa").publicKey));
    }
  });
});
