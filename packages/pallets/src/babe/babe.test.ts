import { host, Root } from "@canary/frame";
import {
  BABE_ENGINE_ID,
  BabeConfiguration,
  BabeEpoch,
  blake2_256,
  bytesEqual,
  concatBytes,
  type DigestItem,
  toHex,
  u64,
} from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { Session, type SessionInstance } from "../session/index.ts";
import { checkSystemInvariants, type MockChain, mockChain } from "../test/mockRuntime.ts";
import {
  BABE_ANSWER_KEYS,
  Babe,
  type BabeInstance,
  ConsensusLog,
  KUSAMA_EPOCH_CONFIG,
  PreDigest,
} from "./index.ts";

const KEY_TYPES = [{ name: "babe", id: Uint8Array.from("babe", (c) => c.charCodeAt(0)), length: 32 }];
const babeKey = (n: number) => new Uint8Array(32).fill(100 + n);
const account = (n: number) => new Uint8Array(32).fill(n);
const EPOCH = 10n;

type Chain = MockChain & { babe: BabeInstance; session: SessionInstance };
let chain: Chain;
afterEach(() => {
  if (!chain) return;
  expect(checkSystemInvariants(chain)).toEqual([]);
  // What Wasm hosts read (lightClient.ts) is what the runtime answers, after whatever a test did.
  chain.run(() => {
    const stored = (key: Uint8Array) => toHex(host().storageGet(key) ?? new Uint8Array());
    const api = chain.babe.api;
    expect(stored(BABE_ANSWER_KEYS.configuration)).toBe(toHex(BabeConfiguration.enc(api.configuration())));
    expect(stored(BABE_ANSWER_KEYS.currentEpoch)).toBe(toHex(BabeEpoch.enc(api.currentEpoch())));
    expect(stored(BABE_ANSWER_KEYS.nextEpoch)).toBe(toHex(BabeEpoch.enc(api.nextEpoch())));
  });
});

/** The VRF randomness the fake host gives a claim: a hash of the slot (the real one is the author's VRF). */
const fakeVrf = (slot: bigint) => blake2_256(u64.enc(slot));

function setup(validators = [1, 2]) {
  chain = mockChain((b, system) => {
    const babe = b.add(1, Babe, {
      system,
      epochDuration: EPOCH,
      expectedBlockTime: 6_000n,
      genesisEpochConfig: KUSAMA_EPOCH_CONFIG,
      vrfRandomness: (_authority, transcript) => fakeVrf(transcript.slot),
    });
    const session = b.add(8, Session, {
      system,
      keyTypes: KEY_TYPES,
      shouldEndSession: (n) => babe.api.shouldEpochChange(n),
      sessionManager: { newSession: () => undefined },
      handlers: () => [babe.api.sessionHandler],
    });
    return { babe, session };
  });
  chain.run(() => {
    chain.babe.genesis?.build({});
    chain.session.genesis?.build({ keys: validators.map((n) => [account(n), { babe: babeKey(n) }]) });
  });
  return chain;
}

const claim = (slot: bigint, kind: "Primary" | "SecondaryPlain" = "SecondaryPlain"): DigestItem => {
  const data =
    kind === "SecondaryPlain"
      ? PreDigest.enc({ tag: "SecondaryPlain", value: { authorityIndex: 0, slot } })
      : PreDigest.enc({
          tag: "Primary",
          value: {
            authorityIndex: 0,
            slot,
            vrfSignature: { preOutput: new Uint8Array(32), proof: new Uint8Array(64) },
          },
        });
  return { tag: "PreRuntime", value: { engine: BABE_ENGINE_ID, data } };
};

/** Runs block `n` at `slot` through the hooks in runtime order; returns BABE's consensus logs. */
function block(n: number, slot: bigint, kind: "Primary" | "SecondaryPlain" = "SecondaryPlain") {
  return chain.run(() => {
    chain.system.api.initializeBlock(n, new Uint8Array(32).fill(n), [claim(slot, kind)]);
    chain.babe.hooks.onInitialize?.(n);
    chain.session.hooks.onInitialize?.(n);
    chain.babe.hooks.onFinalize?.(n);
    return chain.system.storage.Digest.get()
      .filter((d) => d.tag === "Consensus" && bytesEqual(d.value.engine, BABE_ENGINE_ID))
      .map((d) => (d.tag === "Consensus" ? ConsensusLog.dec(d.value.data) : undefined));
  });
}
const S = () => chain.babe.storage;

describe("slots and epochs", () => {
  it("block #1 fixes the genesis slot and announces epoch 1 with the genesis values", () => {
    setup();
    const logs = block(1, 1_000n);
    chain.run(() => {
      expect(S().GenesisSlot.get()).toBe(1_000n);
      expect(S().CurrentSlot.get()).toBe(1_000n);
      expect(
        S()
          .Authorities.get()
          .map(([k, w]) => [k[0], w]),
      ).toEqual([
        [101, 1n],
        [102, 1n],
      ]);
    });
    expect(logs).toEqual([
      {
        tag: "NextEpochData",
        value: {
          authorities: [
            [babeKey(1), 1n],
            [babeKey(2), 1n],
          ],
          randomness: new Uint8Array(32),
        },
      },
    ]);
  });

  it("an epoch ends after EpochDuration slots: the session rotates and the next epoch is announced", () => {
    setup();
    block(1, 1_000n);
    expect(block(2, 1_009n)).toEqual([]); // slot 9 of epoch 0: no change yet
    const logs = block(3, 1_010n);
    chain.run(() => {
      expect(S().EpochIndex.get()).toBe(1n);
      expect(chain.session.api.currentIndex()).toBe(1);
      expect(chain.babe.api.currentEpochStart()).toBe(1_010n);
      expect(S().EpochStart.get()).toEqual([0, 3]);
    });
    expect(logs.map((l) => l?.tag)).toEqual(["NextEpochData"]);
  });

  it("lateness is the slots skipped since the parent, truncated to u32 as FRAME's block number", () => {
    setup();
    block(1, (1n << 33n) + 5n); // a first slot past u32 (short slots on a real clock)
    chain.run(() => expect(S().Lateness.get()).toBe(4));
    block(2, (1n << 33n) + 9n);
    chain.run(() => expect(S().Lateness.get()).toBe(3));
  });

  it("a chain down for whole epochs skips them and records the skip", () => {
    setup();
    block(1, 1_000n);
    block(2, 1_035n); // epoch 3 by its slot
    chain.run(() => {
      expect(S().EpochIndex.get()).toBe(3n);
      expect(S().SkippedEpochs.get()).toEqual([[3n, 1]]);
      expect(chain.babe.api.currentEpoch()).toMatchObject({
        epochIndex: 3n,
        startSlot: 1_030n,
        duration: EPOCH,
      });
    });
  });
});

describe("randomness", () => {
  it("primary blocks' VRF randomness seeds epoch N+2; secondary blocks' does not", () => {
    setup();
    block(1, 1_000n, "Primary");
    block(2, 1_001n, "SecondaryPlain");
    block(3, 1_002n, "Primary");
    chain.run(() => {
      // Deposits go into segment 0, which FRAME only consumes once a second segment exists.
      expect(S().UnderConstruction.get(0).map(toHex)).toEqual([
        toHex(fakeVrf(1_000n)),
        toHex(fakeVrf(1_002n)),
      ]);
      expect(S().AuthorVrfRandomness.get()).toEqual(fakeVrf(1_002n));
    });
    block(4, 1_010n, "SecondaryPlain"); // epoch 1 starts
    chain.run(() => {
      expect(S().AuthorVrfRandomness.get()).toBeUndefined();
      expect(toHex(S().Randomness.get())).toBe(toHex(new Uint8Array(32)));
      // NextRandomness = blake2_256(previous ‖ u64_le(epoch 2) ‖ consumed segments (none yet)).
      expect(toHex(S().NextRandomness.get())).toBe(
        toHex(blake2_256(concatBytes(new Uint8Array(32), u64.enc(2n)))),
      );
    });
  });
});

describe("plan_config_change", () => {
  it("Root plans a config; it is announced at the next epoch and applies the epoch after", () => {
    setup();
    block(1, 1_000n);
    const config = {
      tag: "V1" as const,
      value: { c: [1n, 2n] as [bigint, bigint], allowedSlots: "PrimarySlots" as const },
    };
    const dispatch = (c: typeof config) =>
      chain.run(() =>
        chain.runtime.dispatch(Root, {
          tag: "Babe",
          value: { tag: "plan_config_change", value: { config: c } },
        }),
      );
    expect(
      dispatch({ ...config, value: { ...config.value, c: [0n, 2n] as [bigint, bigint] } }),
    ).toMatchObject({ ok: false });
    expect(dispatch(config).ok).toBe(true);
    const logs = block(2, 1_010n);
    expect(logs.map((l) => l?.tag)).toEqual(["NextEpochData", "NextConfigData"]);
    chain.run(() => expect(chain.babe.api.nextEpoch().config).toEqual(config.value));
    block(3, 1_020n);
    chain.run(() => expect(chain.babe.api.currentEpoch().config).toEqual(config.value));
  });
});
