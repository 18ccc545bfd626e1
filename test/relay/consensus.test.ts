/**
 * The relay's consensus state through its bundle, as nodes and light clients read it: BABE's
 * configuration and epochs and GRANDPA's authority set, from the genesis validators' session keys.
 */
import { devKeypair } from "@canary/crypto";
import { BabeApi, GrandpaApi } from "@canary/frame";
import {
  BABE_ENGINE_ID,
  BabeConfiguration,
  BabePreDigest,
  encodeUtf8,
  MembershipProof,
  preRuntimeItem,
  toHex,
  WELL_KNOWN_KEYS,
} from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { BABE_ANSWER_KEYS } from "../../packages/pallets/src/babe/index.ts";
import { DEV_ACCOUNTS, DEV_ECDSA, DEV_ED25519 } from "../../runtimes/relay/src/index.ts";
import { aliceSession } from "../support/babe.ts";
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
    // Key ownership: the validator's BABE key is proven in session 0 among one validator; a key
    // nobody holds has no proof.
    const owner = chain.api(BabeApi).generate_key_ownership_proof(1n, DEV_ACCOUNTS.Alice);
    expect(MembershipProof.dec(owner!)).toMatchObject({ session: 0, validatorCount: 1 });
    expect(chain.api(BabeApi).generate_key_ownership_proof(1n, DEV_ACCOUNTS.Bob)).toBeUndefined();
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

describe("the chain's slot length", () => {
  /** A chain with Alice as validator and `babe` as the Babe genesis section. */
  const chainWith = (babe: Record<string, unknown>) =>
    new RelayChain(code, { config: encodeUtf8(`{"babe":${JSON.stringify(babe)},${aliceSession()}}`) });
  /** A claim on `slot` (the runtime trusts the claim; the node checks it). */
  const claim = (slot: bigint) => [
    preRuntimeItem(
      BABE_ENGINE_ID,
      BabePreDigest.enc({ tag: "SecondaryPlain", value: { authorityIndex: 0, slot } }),
    ),
  ];

  it("comes from the Babe genesis section, and BabeApi and the Wasm answer report it", () => {
    const chain = chainWith({ slotDuration: 1_000 });
    expect(chain.api(BabeApi).configuration().slotDuration).toBe(1_000n);
    const stored = chain.state.storageGet(BABE_ANSWER_KEYS.configuration)!;
    expect(BabeConfiguration.dec(stored).slotDuration).toBe(1_000n);
    expect(new RelayChain(code).api(BabeApi).configuration().slotDuration).toBe(6_000n);
    expect(() => chainWith({ slotDuration: 1 })).toThrow(/babe.slotDuration must be at least 2 ms/);
  });

  it("puts each block's timestamp in the slot it claims, at least half a slot after its parent's", () => {
    const chain = chainWith({ slotDuration: 1_000 });
    chain.buildBlock([], 10_000n, claim(10n));
    // One slot later is one second later: Kusama's 3 s minimum period would refuse it.
    chain.buildBlock([], 11_999n, claim(11n));
    expect(() => chain.buildBlock([], 13_000n, claim(12n))).toThrow(
      /Timestamp slot must match CurrentSlot: timestamp 13000 ms is in slot 13 of 1000 ms, the block claims slot 12/,
    );
    expect(chain.head.number).toBe(2);
    chain.buildBlock([], 12_000n, claim(12n));
    expect(chain.head.number).toBe(3);
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
