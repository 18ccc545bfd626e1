import { DispatchErrorCodec, NoneOrigin, Root, RuntimeVersionCodec, signed } from "@canary/frame";
import { blake2_256, decodeUtf8, encodeUtf8, fromHex, toHex } from "@canary/primitives";
import { orderedTrieRoot } from "@canary/trie";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkSystemInvariants,
  MOCK_VERSION,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import { EventRecord, MAX_CONSUMERS, WELL_KNOWN_KEYS } from "./index.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
const bob = fromHex("0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");

let chain: MockChain;
afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

const sys = () => chain.system.api;
const S = () => chain.system.storage;
const events = () => chain.run(() => S().Events.get());
const eventNames = () => events().map((e) => `${e.event.tag}.${e.event.value.tag}`);
const call = (tag: string, value: unknown) => ({ tag: "System", value: { tag, value } });

function versionBytes(spec_name: string, spec_version: number): Uint8Array {
  return RuntimeVersionCodec.enc({ ...MOCK_VERSION, spec_name, spec_version });
}

describe("blocks and events", () => {
  it("initializes a block, records events with their phase, and clears them in the next block", () => {
    chain = mockChain();
    startBlock(chain, 5);
    chain.run(() => {
      expect(S().Number.get()).toBe(5);
      expect(toHex(S().BlockHash.get(4))).toBe(toHex(new Uint8Array(32).fill(4)));
      sys().noteApplyExtrinsic(0);
      expect(
        chain.runtime.dispatch(signed(alice), call("remark_with_event", { remark: Uint8Array.of(1, 2) })).ok,
      ).toBe(true);
    });
    const [record] = events();
    expect(record?.phase).toEqual({ tag: "ApplyExtrinsic", value: 0 });
    expect(record?.event.value).toEqual({
      tag: "Remarked",
      value: { sender: alice, hash: blake2_256(Uint8Array.of(1, 2)) },
    });
    expect(chain.run(() => S().EventCount.get())).toBe(1);
    // The stored bytes are a SCALE Vec<EventRecord> that decodes as a whole.
    const raw = chain.host.storageGet(chain.run(() => S().Events.key))!;
    expect(raw[0]).toBe(4); // compact(1)
    expect(EventRecord(chain.runtime.eventCodec).dec(raw.subarray(1)).phase).toEqual({
      tag: "ApplyExtrinsic",
      value: 0,
    });
    startBlock(chain, 6);
    expect(events()).toEqual([]);
  });

  it("records no events at genesis (block 0)", () => {
    chain = mockChain();
    chain.run(() =>
      chain.runtime.dispatch(signed(alice), call("remark_with_event", { remark: new Uint8Array(0) })),
    );
    expect(events()).toEqual([]);
  });

  it("finalizes: extrinsics root over the noted extrinsics, per-block data cleared, old hashes pruned", () => {
    chain = mockChain();
    const xts = [Uint8Array.of(8, 1, 2), Uint8Array.of(4, 9)];
    startBlock(chain, 4098);
    const result = chain.run(() => {
      S().BlockHash.set(1, new Uint8Array(32).fill(7));
      xts.forEach((xt, i) => {
        sys().noteApplyExtrinsic(i);
        sys().noteExtrinsic(i, xt);
      });
      sys().noteFinishedExtrinsics(xts.length);
      return sys().finalizeBlock();
    });
    expect(result.number).toBe(4098);
    expect(toHex(result.extrinsicsRoot)).toBe(toHex(orderedTrieRoot(xts, 0)));
    chain.run(() => {
      expect(S().ExtrinsicData.contains(0)).toBe(false);
      expect(S().ExecutionPhase.get()).toBeUndefined();
      expect(S().BlockHash.contains(1)).toBe(false); // 4098 - 1 - 4096
    });
  });
});

describe("accounts", () => {
  it("creates an account on its first provider and reaps it on its last, resetting the nonce", () => {
    chain = mockChain();
    startBlock(chain);
    chain.run(() => {
      expect(sys().incProviders(bob)).toBe("Created");
      S().Account.mutate(bob, (a) => ({ ...a, nonce: 5 }));
      expect(sys().incProviders(bob)).toBe("Existed");
      expect(sys().decProviders(bob)).toBe("Exists");
      expect(sys().decProviders(bob)).toBe("Reaped");
      expect(S().Account.contains(bob)).toBe(false);
      expect(S().Account.get(bob).nonce).toBe(0);
    });
    expect(eventNames()).toEqual(["System.NewAccount", "System.KilledAccount"]);
  });

  it("refuses to reap an account that is still consumed, and consumers need a provider", () => {
    chain = mockChain();
    chain.run(() => {
      expect(() => sys().incConsumers(alice)).toThrow(
        expect.objectContaining({ error: { tag: "NoProviders" } }),
      );
      sys().incProviders(alice);
      sys().incConsumers(alice);
      expect(() => sys().decProviders(alice)).toThrow(
        expect.objectContaining({ error: { tag: "ConsumerRemaining" } }),
      );
      for (let i = 1; i < MAX_CONSUMERS; i++) sys().incConsumers(alice);
      expect(() => sys().incConsumers(alice)).toThrow(
        expect.objectContaining({ error: { tag: "TooManyConsumers" } }),
      );
      for (let i = 0; i < MAX_CONSUMERS; i++) sys().decConsumers(alice);
      expect(sys().decProviders(alice)).toBe("Reaped");
    });
  });
});

describe("root calls", () => {
  it("set_storage and kill_prefix need Root and change exactly the given keys", () => {
    chain = mockChain();
    const items = [
      [Uint8Array.of(0xaa, 1), Uint8Array.of(1)],
      [Uint8Array.of(0xaa, 2), Uint8Array.of(2)],
      [Uint8Array.of(0xbb), Uint8Array.of(3)],
    ];
    chain.run(() => {
      const denied = chain.runtime.dispatch(signed(alice), call("set_storage", { items }));
      expect(denied).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
      expect(chain.host.storageExists(Uint8Array.of(0xbb))).toBe(false);
      expect(chain.runtime.dispatch(Root, call("set_storage", { items })).ok).toBe(true);
      expect(
        chain.runtime.dispatch(Root, call("kill_prefix", { prefix: Uint8Array.of(0xaa), subkeys: 10 })).ok,
      ).toBe(true);
      expect(chain.host.storageExists(Uint8Array.of(0xaa, 1))).toBe(false);
      expect(chain.host.storageExists(Uint8Array.of(0xbb))).toBe(true);
    });
  });

  it("remark_with_event needs a signed origin", () => {
    chain = mockChain();
    chain.run(() => {
      expect(
        chain.runtime.dispatch(NoneOrigin, call("remark_with_event", { remark: new Uint8Array(0) })),
      ).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    });
  });
});

describe("runtime upgrades", () => {
  const upgradeChain = () =>
    mockChain(undefined, {
      runtimeVersion: (code) => {
        const text = decodeUtf8(code) ?? "";
        if (text.startsWith("v:")) {
          const [, name, version] = text.split(":");
          return versionBytes(name!, Number(version));
        }
        return undefined;
      },
    });
  const code = (name: string, version: number) => encodeUtf8(`v:${name}:${version}`);
  const moduleError = (outcome: unknown) =>
    toHex(DispatchErrorCodec.enc((outcome as { error: Parameters<typeof DispatchErrorCodec.enc>[0] }).error));

  it("set_code accepts a higher spec_version and rejects same/lower versions, another name, or code that cannot run", () => {
    chain = upgradeChain();
    startBlock(chain);
    const current = MOCK_VERSION;
    chain.run(() => {
      const attempt = (c: Uint8Array) => chain.runtime.dispatch(Root, call("set_code", { code: c }));
      expect(moduleError(attempt(code(current.spec_name, current.spec_version)))).toBe("0x0300" + "01000000");
      expect(moduleError(attempt(code(current.spec_name, current.spec_version - 1)))).toBe("0x030001000000");
      expect(moduleError(attempt(code("other", current.spec_version + 1)))).toBe("0x030000000000");
      expect(moduleError(attempt(Uint8Array.of(1, 2, 3)))).toBe("0x030002000000");
      expect(chain.host.storageExists(WELL_KNOWN_KEYS.code)).toBe(false);
      expect(chain.runtime.dispatch(signed(alice), call("set_code", { code: code("x", 9) }))).toMatchObject({
        ok: false,
        error: { tag: "BadOrigin" },
      });
      const next = code(current.spec_name, current.spec_version + 1);
      expect(attempt(next)).toMatchObject({ ok: true, post: { paysFee: "No" } });
      expect(toHex(chain.host.storageGet(WELL_KNOWN_KEYS.code)!)).toBe(toHex(next));
      expect(S().Digest.get()).toEqual([{ tag: "RuntimeEnvironmentUpdated" }]);
    });
    expect(eventNames()).toEqual(["System.CodeUpdated"]);
  });

  it("authorize_upgrade then apply_authorized_upgrade with exactly the authorized code", () => {
    chain = upgradeChain();
    startBlock(chain);
    const next = code(MOCK_VERSION.spec_name, MOCK_VERSION.spec_version + 1);
    chain.run(() => {
      const apply = (c: Uint8Array) =>
        chain.runtime.dispatch(NoneOrigin, call("apply_authorized_upgrade", { code: c }));
      expect(moduleError(apply(next))).toBe("0x030007000000"); // NothingAuthorized
      expect(
        chain.runtime.dispatch(Root, call("authorize_upgrade", { code_hash: blake2_256(next) })).ok,
      ).toBe(true);
      expect(moduleError(apply(Uint8Array.of(9)))).toBe("0x030008000000"); // Unauthorized
      expect(apply(next).ok).toBe(true);
      expect(S().AuthorizedUpgrade.get()).toBeUndefined();
      expect(toHex(chain.host.storageGet(WELL_KNOWN_KEYS.code)!)).toBe(toHex(next));
    });
    expect(eventNames()).toEqual(["System.UpgradeAuthorized", "System.CodeUpdated"]);
  });
});
