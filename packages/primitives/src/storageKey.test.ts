import * as sb from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { AccountId32 } from "./account.ts";
import { CanaryError, DecodeError } from "./errors.ts";
import { type HashBackend, pureHashBackend, setHashBackend } from "./hashing.ts";
import { concatBytes, fromHex, toHex } from "./hex.ts";
import { Bytes } from "./scale/bytes.ts";
import { u32 } from "./scale/ints.ts";
import {
  hashKeyPart,
  palletPrefix,
  STORAGE_HASHER_INFO,
  STORAGE_HASHERS,
  type StorageHasher,
  splitStorageKey,
  storageHasherFromIndex,
  storageKey,
  storagePrefix,
} from "./storageKey.ts";
import { kindOf } from "./test/kindOf.ts";

afterEach(() => setHashBackend(pureHashBackend));

const alice = fromHex(DEV_ACCOUNT_IDS.Alice.publicKey);

const reference: Record<StorageHasher, (data: Uint8Array) => Uint8Array> = {
  Blake2_128: sb.Blake2128,
  Blake2_256: sb.Blake2256,
  Blake2_128Concat: sb.Blake2128Concat,
  Twox128: sb.Twox128,
  Twox256: sb.Twox256,
  Twox64Concat: sb.Twox64Concat,
  Identity: sb.Identity,
};

describe("storage hashers", () => {
  it("are indexed in metadata order", () => {
    expect(STORAGE_HASHERS).toEqual([
      "Blake2_128",
      "Blake2_256",
      "Blake2_128Concat",
      "Twox128",
      "Twox256",
      "Twox64Concat",
      "Identity",
    ]);
    STORAGE_HASHERS.forEach((h, i) => {
      expect(STORAGE_HASHER_INFO[h].index).toBe(i);
      expect(storageHasherFromIndex(i)).toBe(h);
    });
    expect(kindOf(() => storageHasherFromIndex(7))).toBe("unknown-variant");
    expect(kindOf(() => storageHasherFromIndex(-1))).toBe("unknown-variant");
  });

  it("hash key parts as substrate-bindings does", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STORAGE_HASHERS), fc.uint8Array({ maxLength: 80 }), (hasher, key) => {
        const out = hashKeyPart(hasher, key);
        expect(toHex(out)).toBe(toHex(reference[hasher](key)));
        const info = STORAGE_HASHER_INFO[hasher];
        expect(out.length).toBe(info.hashLength + (info.transparent ? key.length : 0));
      }),
      { numRuns: 300 },
    );
  });

  it("Identity returns a copy", () => {
    const key = fromHex("0102");
    const out = hashKeyPart("Identity", key);
    out[0] = 9;
    expect(key[0]).toBe(1);
  });
});

describe("storage prefixes and keys", () => {
  it("match the golden keys", () => {
    expect(toHex(palletPrefix("System"))).toBe("0x26aa394eea5630e07c48ae0c9558cef7");
    expect(toHex(storagePrefix("System", "Events"))).toBe(
      "0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7",
    );
    expect(toHex(storageKey("System", "Account", ["Blake2_128Concat", AccountId32.enc(alice)]))).toBe(
      // twox128("System") ++ twox128("Account") ++ blake2_128(Alice) ++ Alice
      "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59f" +
        DEV_ACCOUNT_IDS.Alice.publicKey.slice(2),
    );
    expect(toHex(storageKey("System", "Events"))).toBe(toHex(storagePrefix("System", "Events")));
  });

  it("agree with substrate-bindings Storage for double maps", () => {
    const ref = sb.Storage("Staking")(
      "ErasStakers",
      [sb.u32, sb.Twox64Concat],
      [sb.Bytes(32), sb.Blake2128Concat],
    );
    const opaque = sb.Storage("Assets")("Approvals", [sb.u32, sb.Blake2128], [sb.Bytes(), sb.Twox256]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 40 }),
        (era, account, raw) => {
          const key = storageKey(
            "Staking",
            "ErasStakers",
            ["Twox64Concat", u32.enc(era)],
            ["Blake2_128Concat", account],
          );
          expect(toHex(key)).toBe(ref.enc(era, account));
          const key2 = storageKey(
            "Assets",
            "Approvals",
            ["Blake2_128", u32.enc(era)],
            ["Twox256", Bytes.enc(raw)],
          );
          expect(toHex(key2)).toBe(opaque.enc(era, raw));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("cache prefixes: the hasher runs once per name, and callers get their own copy", () => {
    let twoxCalls = 0;
    const counting: HashBackend = {
      ...pureHashBackend,
      twox: (data, outLen) => {
        twoxCalls++;
        return pureHashBackend.twox(data, outLen);
      },
    };
    setHashBackend(counting);
    const pallet = "CacheTestPallet";
    const first = storagePrefix(pallet, "Item");
    const callsAfterFirst = twoxCalls;
    expect(callsAfterFirst).toBe(2);
    first.fill(0);
    const second = storagePrefix(pallet, "Item");
    expect(twoxCalls).toBe(callsAfterFirst);
    const utf8 = (text: string) => new TextEncoder().encode(text);
    expect(toHex(second)).toBe(toHex(concatBytes(sb.Twox128(utf8(pallet)), sb.Twox128(utf8("Item")))));
    // A second item of a cached pallet hashes only the item name.
    storagePrefix(pallet, "Other");
    expect(twoxCalls).toBe(callsAfterFirst + 1);
    const p = palletPrefix(pallet);
    p.fill(0);
    expect(toHex(palletPrefix(pallet))).toBe(toHex(sb.Twox128(utf8(pallet))));
  });
});

describe("splitStorageKey", () => {
  it("recovers the encoded keys of transparent hashers", () => {
    const key = storageKey("System", "Account", ["Blake2_128Concat", alice]);
    const [part] = splitStorageKey(key, "System", "Account", ["Blake2_128Concat"]);
    expect(part?.hasher).toBe("Blake2_128Concat");
    expect(toHex(part!.hash)).toBe("0xde1e86a9a8c739864cf3cc5ec2bea59f");
    expect(part?.key).toEqual(alice);
    expect(splitStorageKey(key, "System", "Account", [["Blake2_128Concat", AccountId32]])[0]?.key).toEqual(
      alice,
    );
    expect(splitStorageKey(key, "System", "Account", [["Blake2_128Concat", 32]])[0]?.key).toEqual(alice);
    expect(splitStorageKey(storagePrefix("System", "Events"), "System", "Events", [])).toEqual([]);
  });

  it("splits multi-part keys with codecs, lengths and opaque hashes, as substrate-bindings decodes them", () => {
    const ref = sb.Storage("Pallet")(
      "Map",
      [sb.u32, sb.Twox64Concat],
      [sb.Bytes(), sb.Blake2128],
      [sb.Bytes(), sb.Identity],
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.uint8Array({ maxLength: 20 }),
        fc.uint8Array({ maxLength: 20 }),
        (a, b, c) => {
          const full = storageKey(
            "Pallet",
            "Map",
            ["Twox64Concat", u32.enc(a)],
            ["Blake2_128", Bytes.enc(b)],
            ["Identity", Bytes.enc(c)],
          );
          const parts = splitStorageKey(full, "Pallet", "Map", [
            ["Twox64Concat", u32],
            "Blake2_128",
            ["Identity", Bytes],
          ]);
          expect(parts.map((p) => p.hasher)).toEqual(["Twox64Concat", "Blake2_128", "Identity"]);
          expect(u32.dec(parts[0]!.key!)).toBe(a);
          expect(parts[1]!.key).toBeUndefined();
          expect(Bytes.dec(parts[2]!.key!)).toEqual(c);
          const [ra, rb, rc] = ref.dec(toHex(full)) as unknown as [number, string, Uint8Array];
          expect(ra).toBe(a);
          expect(rb).toBe(toHex(parts[1]!.hash));
          expect(rc).toEqual(c);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects keys of another item with bad-prefix", () => {
    const key = storageKey("System", "Account", ["Blake2_128Concat", alice]);
    expect(kindOf(() => splitStorageKey(key, "System", "Events", ["Blake2_128Concat"]))).toBe("bad-prefix");
    expect(kindOf(() => splitStorageKey(key, "Balances", "Account", ["Blake2_128Concat"]))).toBe(
      "bad-prefix",
    );
  });

  it("rejects wrong lengths with bad-length or trailing-bytes", () => {
    const key = storageKey("System", "Account", ["Blake2_128Concat", alice]);
    expect(
      kindOf(() => splitStorageKey(key.subarray(0, 31), "System", "Account", ["Blake2_128Concat"])),
    ).toBe("bad-length");
    // Cut inside the hash.
    expect(
      kindOf(() => splitStorageKey(key.subarray(0, 40), "System", "Account", ["Blake2_128Concat"])),
    ).toBe("bad-length");
    // Cut inside a key of known length.
    expect(
      kindOf(() => splitStorageKey(key.subarray(0, 70), "System", "Account", [["Blake2_128Concat", 32]])),
    ).toBe("bad-length");
    expect(
      kindOf(() =>
        splitStorageKey(key.subarray(0, 70), "System", "Account", [["Blake2_128Concat", AccountId32]]),
      ),
    ).toBe("truncated");
    // Bytes left over after the declared parts.
    expect(kindOf(() => splitStorageKey(key, "System", "Account", ["Blake2_128"]))).toBe("trailing-bytes");
    expect(
      kindOf(() =>
        splitStorageKey(concatBytes(key, fromHex("00")), "System", "Account", [["Blake2_128Concat", 32]]),
      ),
    ).toBe("trailing-bytes");
    expect(kindOf(() => splitStorageKey(key, "System", "Account", []))).toBe("trailing-bytes");
  });

  it("rejects a transparent hash that does not match its key with bad-checksum", () => {
    const key = storageKey("System", "Account", ["Blake2_128Concat", alice]);
    key[40]! ^= 1; // inside the blake2_128 hash
    expect(kindOf(() => splitStorageKey(key, "System", "Account", ["Blake2_128Concat"]))).toBe(
      "bad-checksum",
    );
    const key2 = storageKey("P", "M", ["Twox64Concat", u32.enc(7)]);
    key2[key2.length - 1]! ^= 1; // inside the key: the hash no longer matches
    expect(kindOf(() => splitStorageKey(key2, "P", "M", [["Twox64Concat", u32]]))).toBe("bad-checksum");
  });

  it("reports the key codec's error for a malformed key", () => {
    const full = concatBytes(storagePrefix("P", "M"), new Uint8Array(8), fromHex("0xfeffffff"));
    expect(kindOf(() => splitStorageKey(full, "P", "M", [["Twox64Concat", Bytes], "Identity"]))).toBe(
      "too-large",
    );
  });

  it("refuses a spec that cannot be split (a caller bug, not bad input)", () => {
    const key = storageKey("P", "M", ["Identity", fromHex("01")], ["Identity", fromHex("02")]);
    let caught: unknown;
    try {
      splitStorageKey(key, "P", "M", ["Identity", "Identity"]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CanaryError);
    expect(caught).not.toBeInstanceOf(DecodeError);
  });
});
