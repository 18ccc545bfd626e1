import {
  AccountId32,
  compactU32,
  fromHex,
  Struct,
  storageKey,
  toHex,
  u32,
  u64,
  u128,
} from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { withHost } from "./context.ts";
import { bindStorage, doubleMap, map, nMap, value } from "./storage.ts";
import { CachedStorageHost } from "./storageCache.ts";
import { MemoryHost } from "./testing/memoryHost.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
const bob = fromHex("0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
const AccountInfo = Struct({ nonce: u32, free: u128 });

const storage = bindStorage("System", {
  Number: value({ value: u32, default: 0 }),
  Parent: value({ value: u64 }),
  Account: map("Blake2_128Concat", AccountId32, { value: AccountInfo, default: { nonce: 0, free: 0n } }),
  Pairs: doubleMap(["Twox64Concat", u32], ["Blake2_128Concat", AccountId32], { value: u128 }),
  Triples: nMap(
    [
      ["Twox64Concat", u32],
      ["Identity", compactU32],
      ["Blake2_128", u32],
    ] as const,
    { value: u32 },
  ),
});

describe("storage values", () => {
  it("uses twox128(pallet) ++ twox128(item) and the declared default", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      expect(toHex(storage.Number.key)).toBe(toHex(storageKey("System", "Number")));
      expect(storage.Number.get()).toBe(0);
      expect(storage.Number.exists()).toBe(false);
      storage.Number.set(7);
      expect(storage.Number.get()).toBe(7);
      expect(toHex(host.storageGet(storage.Number.key)!)).toBe("0x07000000");
      storage.Number.mutate((n) => n + 1);
      expect(storage.Number.get()).toBe(8);
      storage.Number.kill();
      expect(storage.Number.exists()).toBe(false);
    });
  });

  it("an Optional value reads undefined when absent, and mutate to undefined removes it", () => {
    withHost(new MemoryHost(), () => {
      expect(storage.Parent.get()).toBeUndefined();
      storage.Parent.set(5n);
      storage.Parent.mutate(() => undefined);
      expect(storage.Parent.exists()).toBe(false);
    });
  });

  it("reads a corrupt stored value as absent and logs it", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      host.storageSet(storage.Number.key, Uint8Array.of(1, 2));
      expect(storage.Number.get()).toBe(0);
      expect(host.logs.some(([level, , msg]) => level === "error" && msg.includes("System.Number"))).toBe(
        true,
      );
    });
  });
});

describe("reads through the runtime's storage cache", () => {
  it("answer a number again while the cache holds the same bytes, and the new one after any change", () => {
    const memory = new MemoryHost();
    const cache = new CachedStorageHost(memory);
    withHost(cache, () => {
      storage.Number.set(7);
      expect(storage.Number.get()).toBe(7);
      expect(storage.Number.get()).toBe(7);
      storage.Number.mutate((n) => n + 1);
      expect(storage.Number.get()).toBe(8);
      cache.storageStartTransaction();
      storage.Number.set(9);
      expect(storage.Number.get()).toBe(9);
      cache.storageRollbackTransaction();
      expect(storage.Number.get()).toBe(8);
      cache.storageSet(storage.Number.key, u32.enc(10)); // written as raw bytes
      expect(storage.Number.get()).toBe(10);
      storage.Number.kill();
      expect(storage.Number.get()).toBe(0);
      // Two keys of one map, read in turn.
      storage.Pairs.set(1, alice, 5n);
      storage.Pairs.set(2, alice, 6n);
      for (let i = 0; i < 3; i++) {
        expect(storage.Pairs.get(1, alice)).toBe(5n);
        expect(storage.Pairs.get(2, alice)).toBe(6n);
      }
      cache.flush();
      expect(storage.Pairs.get(2, alice)).toBe(6n);
    });
    // Another host (the next call) with other bytes under the same key.
    memory.storageSet(storage.Number.key, u32.enc(11));
    withHost(new CachedStorageHost(memory), () => expect(storage.Number.get()).toBe(11));
  });

  it("hand out a fresh struct on every read, so a reader's or a writer's changes stay its own", () => {
    const memory = new MemoryHost();
    const cache = new CachedStorageHost(memory);
    withHost(cache, () => {
      const written = { nonce: 1, free: 5n };
      storage.Account.set(alice, written);
      written.free = 77n; // after the write: not what was stored
      const first = storage.Account.get(alice);
      first.free = 99n;
      expect(storage.Account.get(alice)).toEqual({ nonce: 1, free: 5n });
      expect(storage.Account.get(alice)).not.toBe(storage.Account.get(alice));
      // Only the declared fields, as decoding gives them: an extra field is not stored.
      storage.Account.set(bob, { nonce: -0, free: 3n, extra: 1 } as unknown as {
        nonce: number;
        free: bigint;
      });
      const read = storage.Account.get(bob);
      expect(read).toStrictEqual({ nonce: 0, free: 3n });
      expect(Object.is(read.nonce, 0)).toBe(true);
      // Rolled back: the value before the transaction, though its copy was taken at the write.
      cache.storageStartTransaction();
      storage.Account.mutate(alice, (a) => ({ ...a, nonce: 2 }));
      expect(storage.Account.get(alice)).toEqual({ nonce: 2, free: 5n });
      cache.storageRollbackTransaction();
      expect(storage.Account.get(alice)).toEqual({ nonce: 1, free: 5n });
      // More accounts in turn than the declaration remembers.
      const keys = Array.from({ length: 12 }, (_, i) => new Uint8Array(32).fill(i + 1));
      for (const [i, k] of keys.entries()) storage.Account.set(k, { nonce: i, free: BigInt(i) });
      for (let round = 0; round < 2; round++)
        for (const [i, k] of keys.entries())
          expect(storage.Account.get(k)).toEqual({ nonce: i, free: BigInt(i) });
      cache.flush();
    });
    // The next call's cache reads the host's bytes: what was written, not a remembered value.
    memory.storageSet(storage.Account.keyFor(alice), AccountInfo.enc({ nonce: 4, free: 6n }));
    withHost(new CachedStorageHost(memory), () => {
      // Decoded here for the first time: the reader's changes do not reach the next read either.
      const read = storage.Account.get(alice);
      expect(read).toEqual({ nonce: 4, free: 6n });
      read.free = 0n;
      expect(storage.Account.get(alice)).toEqual({ nonce: 4, free: 6n });
    });
  });
});

describe("storage maps", () => {
  it("computes FRAME's keys (golden System.Account(Alice); primitives' storageKey for the rest)", () => {
    withHost(new MemoryHost(), () => {
      expect(toHex(storage.Account.keyFor(alice))).toBe(
        "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
      );
      expect(toHex(storage.Pairs.keyFor(9, bob))).toBe(
        toHex(storageKey("System", "Pairs", ["Twox64Concat", u32.enc(9)], ["Blake2_128Concat", bob])),
      );
      expect(toHex(storage.Triples.keyFor(1, 2, 3))).toBe(
        toHex(
          storageKey(
            "System",
            "Triples",
            ["Twox64Concat", u32.enc(1)],
            ["Identity", compactU32.enc(2)],
            ["Blake2_128", u32.enc(3)],
          ),
        ),
      );
    });
  });

  it("gets, sets, mutates, removes and iterates entries with decoded keys", () => {
    const host = new MemoryHost();
    withHost(host, () => {
      storage.Account.set(alice, { nonce: 1, free: 10n });
      storage.Account.mutate(bob, (a) => ({ ...a, free: a.free + 5n }));
      expect(storage.Account.get(bob)).toEqual({ nonce: 0, free: 5n });
      expect(storage.Account.contains(alice)).toBe(true);
      const entries = [...storage.Account.entries()].map(([[k], v]) => [toHex(k), v.free]);
      expect(entries).toHaveLength(2);
      expect(new Map(entries as [string, bigint][]).get(toHex(alice))).toBe(10n);
      storage.Account.remove(alice);
      expect(storage.Account.contains(alice)).toBe(false);
      expect(storage.Account.get(alice)).toEqual({ nonce: 0, free: 0n });
    });
  });

  it("finds an account's key by its bytes, even when the array passed before was changed in place", () => {
    withHost(new MemoryHost(), () => {
      const who = alice.slice();
      const aliceKey = toHex(storage.Account.keyFor(alice));
      expect(toHex(storage.Account.keyFor(who))).toBe(aliceKey);
      storage.Account.set(who, { nonce: 1, free: 10n });
      // The same array, now holding Bob's id: it must reach Bob's entry, not Alice's.
      who.set(bob);
      expect(toHex(storage.Account.keyFor(who))).toBe(toHex(storage.Account.keyFor(bob.slice())));
      expect(storage.Account.get(who)).toEqual({ nonce: 0, free: 0n });
      storage.Account.set(who, { nonce: 2, free: 20n });
      expect(storage.Account.get(alice)).toEqual({ nonce: 1, free: 10n });
      expect(storage.Account.get(bob)).toEqual({ nonce: 2, free: 20n });
      // More arrays than the map remembers, then the first again.
      const many = Array.from({ length: 6 }, (_, i) => new Uint8Array(32).fill(i + 1));
      for (const id of many) storage.Account.set(id, { nonce: id[0]!, free: 0n });
      for (const id of many) expect(storage.Account.get(id).nonce).toBe(id[0]);
      many[0]!.fill(9);
      expect(toHex(storage.Account.keyFor(many[0]!))).toBe(
        toHex(storage.Account.keyFor(new Uint8Array(32).fill(9))),
      );
    });
  });

  it("double and n-maps round-trip keys through transparent hashers, and refuse opaque ones", () => {
    withHost(new MemoryHost(), () => {
      storage.Pairs.set(3, alice, 100n);
      storage.Pairs.set(4, bob, 200n);
      expect(storage.Pairs.get(3, alice)).toBe(100n);
      expect(storage.Pairs.get(3, bob)).toBeUndefined();
      const keys = [...storage.Pairs.entries()].map(([[n, who], v]) => [n, toHex(who), v]);
      expect(keys).toContainEqual([3, toHex(alice), 100n]);
      expect(keys).toContainEqual([4, toHex(bob), 200n]);
      storage.Triples.set(1, 2, 3, 42);
      expect(storage.Triples.get(1, 2, 3)).toBe(42);
      expect(() => [...storage.Triples.entries()]).toThrow(/hides its key/);
    });
  });

  it("hands out a fresh default on every read, so mutating one cannot leak into another key", () => {
    withHost(new MemoryHost(), () => {
      const first = storage.Account.get(alice);
      first.free = 99n;
      expect(storage.Account.get(bob)).toEqual({ nonce: 0, free: 0n });
      expect(storage.Account.get(alice)).toEqual({ nonce: 0, free: 0n });
    });
  });

  it("clear removes up to a limit and reports completion", () => {
    withHost(new MemoryHost(), () => {
      for (let i = 0; i < 5; i++) storage.Pairs.set(i, alice, BigInt(i));
      expect(storage.Pairs.clear(3)).toBe(false);
      expect([...storage.Pairs.entries()]).toHaveLength(2);
      expect(storage.Pairs.clear()).toBe(true);
      expect([...storage.Pairs.entries()]).toHaveLength(0);
    });
  });

  it("a key whose hash does not match its encoded key is rejected when decoded", () => {
    withHost(new MemoryHost(), () => {
      const key = storage.Account.keyFor(alice);
      key[key.length - 1]! ^= 1;
      expect(() => storage.Account.decodeKey(key)).toThrow(/does not match/);
    });
  });

  it("describes entries for metadata: modifier, hashers, key and value types, default bytes", () => {
    const account = storage.Account.metadata();
    expect(account.modifier).toBe("Default");
    expect(account.type).toMatchObject({ kind: "map", hashers: ["Blake2_128Concat"] });
    expect(toHex(account.default)).toBe(toHex(AccountInfo.enc({ nonce: 0, free: 0n })));
    const parent = storage.Parent.metadata();
    expect(parent.modifier).toBe("Optional");
    expect(toHex(parent.default)).toBe("0x00");
    const pairs = storage.Pairs.metadata();
    expect(pairs.type).toMatchObject({ kind: "map", hashers: ["Twox64Concat", "Blake2_128Concat"] });
    expect(pairs.type.kind === "map" && pairs.type.key.kind).toBe("tuple");
  });

  it("fails clearly outside a runtime call", () => {
    expect(() => storage.Number.get()).toThrow(/outside a runtime call/);
  });
});
