/**
 * Acceptance of the relay runtime through its bundle (issue 3): genesis presets, metadata read by
 * polkadot.js and polkadot-api, a transfer signed offline by polkadot.js, runtime upgrades, bad
 * transactions, and deterministic re-execution.
 */
import { devKeypair, sr25519Sign } from "@canary/crypto";
import {
  AccountNonceApi,
  BlockBuilderApi,
  CoreApi,
  GenesisBuilderApi,
  MetadataApi,
  runtimeApiClient,
  SessionKeysApi,
} from "@canary/frame";
import {
  Bytes,
  blockHash,
  bytesEqual,
  encodeExtrinsic,
  encodeUtf8,
  fromHex,
  payloadToSign,
  signingPayload,
  toHex,
  u32,
} from "@canary/primitives";
import { trieRoot } from "@canary/trie";
import { Keyring } from "@polkadot/keyring";
import { expandMetadata, Metadata, TypeRegistry } from "@polkadot/types";
import { compactStripLength } from "@polkadot/util";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { getDynamicBuilder } from "@polkadot-api/metadata-builders";
import { metadata as papiMetadata } from "@polkadot-api/substrate-bindings";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS, DEV_ENDOWMENT, DEV_STASHES, SPEC_VERSION } from "../../runtimes/relay/src/index.ts";
import { DEV_ACCOUNT_IDS } from "../support/devAccounts.ts";
import { RELAY_PALLETS } from "../support/relayPallets.ts";
import { inherentData, RelayChain, ready, relayBundle } from "./harness.ts";

let code: Uint8Array;
let registry: TypeRegistry;
let decorated: ReturnType<typeof expandMetadata>;
const keyring = () => new Keyring({ type: "sr25519", ss58Format: 2 });

beforeAll(async () => {
  await Promise.all([ready(), cryptoWaitReady()]);
  code = (await relayBundle()).code;
  const chain = new RelayChain(code);
  const v15 = chain.api(MetadataApi).metadata_at_version(15)!;
  registry = new TypeRegistry();
  const metadata = new Metadata(registry, v15);
  registry.setMetadata(metadata);
  decorated = expandMetadata(registry, metadata);
}, 60_000);

/** polkadot.js storage keys carry a compact length prefix; the state is keyed by the bare key. */
const unprefixed = (key: Uint8Array) => compactStripLength(key)[1];

/** System.Account of `who` on `chain`'s best state, decoded by polkadot.js. */
function account(chain: RelayChain, who: Uint8Array) {
  const entry = decorated.query.system!.account!;
  const raw = chain.state.storageGet(unprefixed(entry(who)));
  const type = registry.lookup.getTypeDef(entry.meta.type.asMap.value).type;
  const info = registry.createType(type, raw ?? entry.meta.fallback.toU8a(true));
  return info.toJSON() as {
    nonce: number;
    providers: number;
    data: { free: string | number; reserved: string | number };
  };
}
const free = (chain: RelayChain, who: Uint8Array) => BigInt(account(chain, who).data.free);

/** System.Events of the best state, decoded by polkadot.js, as "section.method" names. */
function events(chain: RelayChain) {
  const entry = decorated.query.system!.events!;
  const raw = chain.state.storageGet(unprefixed(entry()));
  const list = registry.createType(
    registry.lookup.getTypeDef(entry.meta.type.asPlain).type,
    raw ?? new Uint8Array(1),
  );
  return (
    list as unknown as Array<{ event: { section: string; method: string; data: { toJSON(): unknown } } }>
  ).map((r) => ({ name: `${r.event.section}.${r.event.method}`, data: r.event.data.toJSON() }));
}

interface SignOptions {
  nonce?: number;
  tip?: bigint;
  era?: { period: number; current: number; birthHash: Uint8Array };
  genesisHash?: Uint8Array;
  specVersion?: number;
}

/** An extrinsic signed offline by polkadot.js against the runtime's own metadata. */
function pjsSigned(
  chain: RelayChain,
  who: string,
  call: { callIndex: [number, number]; args: unknown },
  o: SignOptions = {},
) {
  const pair = keyring().addFromUri(who);
  const method = registry.createType("Call", call);
  const xt = registry.createType("Extrinsic", { method: method.toHex() });
  const era = o.era
    ? registry.createType("ExtrinsicEra", { current: o.era.current, period: o.era.period })
    : registry.createType("ExtrinsicEra", "0x00");
  xt.sign(pair, {
    blockHash: toHex(o.era?.birthHash ?? chain.genesisHash),
    genesisHash: toHex(o.genesisHash ?? chain.genesisHash),
    era,
    nonce: o.nonce ?? 0,
    tip: o.tip ?? 0n,
    runtimeVersion: { specVersion: o.specVersion ?? SPEC_VERSION, transactionVersion: 1 } as never,
    signedExtensions: registry.signedExtensions,
  });
  return xt.toU8a();
}

const transferKeepAlive = (dest: Uint8Array, value: bigint) => ({
  callIndex: [4, 3] as [number, number],
  args: { dest: { Id: dest }, value },
});

/** `TransactionPaymentApi_query_info` decoded: the fee polkadot.js's paymentInfo shows. */
function partialFee(chain: RelayChain, xt: Uint8Array): bigint {
  const out = chain.query("TransactionPaymentApi_query_info", new Uint8Array([...xt, ...u32.enc(xt.length)]));
  const info = registry.createType("RuntimeDispatchInfoV2", out).toJSON() as { partialFee: string | number };
  return BigInt(info.partialFee);
}

describe("genesis", () => {
  it("the dev preset endows every dev account and stash, makes Alice the sudo key and stores :code", () => {
    const chain = new RelayChain(code);
    for (const key of [...Object.values(DEV_ACCOUNTS), ...Object.values(DEV_STASHES)]) {
      expect(account(chain, key)).toMatchObject({ nonce: 0, providers: 1 });
      expect(free(chain, key)).toBe(DEV_ENDOWMENT);
    }
    const issuance = chain.state.storageGet(unprefixed(decorated.query.balances!.totalIssuance!()));
    expect(registry.createType("u128", issuance).toBigInt()).toBe(12n * DEV_ENDOWMENT);
    expect(toHex(chain.state.storageGet(unprefixed(decorated.query.sudo!.key!()))!)).toBe(
      toHex(DEV_ACCOUNTS.Alice),
    );
    expect(bytesEqual(chain.code, code)).toBe(true);
    expect(toHex(chain.genesis.header.stateRoot)).toBe(toHex(trieRoot(chain.genesis.storage, 1)));
    expect(chain.genesis.header.number).toBe(0);
  });

  it("names the dev keys exactly as the dev keyring derives them", () => {
    for (const [name, key] of Object.entries(DEV_ACCOUNTS)) {
      expect(toHex(key)).toBe(toHex(devKeypair(name as keyof typeof DEV_ACCOUNTS).publicKey));
      const stash = DEV_STASHES[name as keyof typeof DEV_STASHES];
      expect(toHex(stash)).toBe(
        toHex(devKeypair(name as keyof typeof DEV_ACCOUNTS, "sr25519", true).publicKey),
      );
    }
  });

  it("lists its presets, which differ in their validators; an unknown preset is refused by name", () => {
    const chain = new RelayChain(code);
    const names = chain
      .api(GenesisBuilderApi)
      .preset_names()
      .map((b) => new TextDecoder().decode(b));
    expect(names).toEqual(["development", "local_testnet", "canary"]);
    expect(toHex(new RelayChain(code, "local_testnet").genesisHash)).not.toBe(toHex(chain.genesisHash));
    expect(() => new RelayChain(code, "mainnet")).toThrow(
      /no genesis preset "mainnet" \(it has: development, local_testnet, canary\)/,
    );
    expect(chain.api(GenesisBuilderApi).get_preset(encodeUtf8("nope"))).toBeUndefined();
  });

  it("refuses a bad genesis config with the path of the bad value, as an error (not a panic)", () => {
    const chain = new RelayChain(code);
    const build = (json: string) => {
      const host = chain.newHost();
      const builder = runtimeApiClient(GenesisBuilderApi, (entry, input) =>
        chain.executor.call(code, entry, input, host),
      );
      return builder.build_state(encodeUtf8(json));
    };
    const alice = DEV_ACCOUNT_IDS.Alice.ss58;
    expect(build(`{"balances":{"balances":[["${alice}", 1000000000000000000000]]}}`)).toEqual({
      ok: true,
      value: undefined,
    });
    const cases: Array<[string, RegExp]> = [
      ["{", /not valid JSON/],
      // Nested past the stack: an error, not a crash of the runtime call.
      [`{"balances":{"balances":${"[".repeat(200_000)}1${"]".repeat(200_000)}}}`, /not valid JSON/],
      [`{"balance":{}}`, /unknown field "balance"/],
      [
        `{"balances":{"balances":[["nobody", 1]]}}`,
        /genesis\.balances\.balances\[0\]\[0\]: expected an SS58/,
      ],
      [`{"balances":{"balances":[["${alice}", 1.5]]}}`, /only integers/],
      [`{"balances":{"balances":[["${alice}", -1]]}}`, /\[0\]\[1\]: expected an integer in u128/],
      [`{"balances":{"balances":[["${alice}", ${1n << 128n}]]}}`, /expected an integer in u128/],
      [`{"balances":{"balances":[["${alice}", 1]]}}`, /below the existential deposit/],
      [`{"balances":{"balances":[["${alice}", 10000000000], ["${alice}", 10000000000]]}}`, /duplicate/],
      [`{"sudo":{"key":7}}`, /genesis\.sudo\.key: expected an SS58/],
    ];
    for (const [json, message] of cases) {
      const result = build(json);
      expect(result.ok, json).toBe(false);
      expect(result.ok ? "" : result.error, json).toMatch(message);
    }
  });
});

describe("metadata and runtime APIs", () => {
  it("serves V14 and V15; polkadot.js reads the pallets with Kusama's indices and System.Version", () => {
    const chain = new RelayChain(code);
    const api = chain.api(MetadataApi);
    expect(api.metadata_versions()).toEqual([14, 15]);
    const v14 = new Metadata(new TypeRegistry(), api.metadata());
    expect(v14.version).toBe(14);
    expect(api.metadata_at_version(13)).toBeUndefined();
    const pallets = registry.metadata.pallets.map((p) => [p.name.toString(), p.index.toNumber()]);
    expect(pallets).toEqual(RELAY_PALLETS);
    const version = decorated.consts.system!.version!.toJSON() as { specName: string; specVersion: number };
    expect(version).toMatchObject({ specName: "canary", specVersion: SPEC_VERSION });
    expect(registry.signedExtensions).toEqual([
      "CheckNonZeroSender",
      "CheckSpecVersion",
      "CheckTxVersion",
      "CheckGenesis",
      "CheckMortality",
      "CheckNonce",
      "CheckWeight",
      "ChargeTransactionPayment",
      "PrevalidateAttests",
      "CheckMetadataHash",
    ]);
    expect(decorated.consts.transactionPayment!.operationalFeeMultiplier!.toString()).toBe("5");
  });

  it("lists every API with Substrate's id and version in Core_version and the V15 metadata", () => {
    const chain = new RelayChain(code);
    const version = registry.createType("RuntimeVersion", chain.query("Core_version")).toJSON() as {
      apis: Array<[string, number]>;
    };
    expect(version.apis).toEqual([
      ["0xdf6acb689907609b", 5], // Core
      ["0x37e397fc7c91f5e4", 2], // Metadata
      ["0x40fe3ad401f8959a", 6], // BlockBuilder
      ["0xd2bc9897eed08f15", 3], // TaggedTransactionQueue
      ["0xbc9d89904f5b923f", 1], // AccountNonceApi
      ["0x37c8bb1350a9a2a8", 4], // TransactionPaymentApi
      ["0xed99c5acb25eedf5", 3], // GrandpaApi
      ["0xcbca25e39f142387", 2], // BabeApi
      ["0xab3c0572291feb8b", 1], // SessionKeys
      ["0xfbc577b9d747efd6", 1], // GenesisBuilder
    ]);
    const apis = (
      registry.metadata as unknown as { apis: Array<{ name: { toString(): string }; methods: unknown[] }> }
    ).apis;
    expect(apis.map((a) => a.name.toString())).toEqual([
      "Core",
      "Metadata",
      "BlockBuilder",
      "TaggedTransactionQueue",
      "AccountNonceApi",
      "TransactionPaymentApi",
      "GrandpaApi",
      "BabeApi",
      "SessionKeys",
      "GenesisBuilder",
    ]);
  });

  it("polkadot-api's builders decode System.Account and System.Version from the runtime's metadata", () => {
    const chain = new RelayChain(code);
    const raw = chain.api(MetadataApi).metadata_at_version(15)!;
    const decoded = papiMetadata.dec(raw);
    if (decoded.metadata.tag !== "v15") throw new Error("expected v15");
    // substrate-bindings reads V14 too, and re-encodes both byte for byte.
    const v14 = chain.api(MetadataApi).metadata();
    const decoded14 = papiMetadata.dec(v14);
    if (decoded14.metadata.tag !== "v14") throw new Error("expected v14");
    const pallets14 = (decoded14.metadata.value as { pallets: Array<{ name: string; index: number }> })
      .pallets;
    expect(pallets14.map((p) => [p.name, p.index])).toEqual(
      decoded.metadata.value.pallets.map((p) => [p.name, p.index]),
    );
    expect(toHex(papiMetadata.enc(decoded14))).toBe(toHex(v14));
    expect(toHex(papiMetadata.enc(decoded))).toBe(toHex(raw));
    const builder = getDynamicBuilder(decoded.metadata.value);
    const accountCodec = builder.buildStorage("System", "Account");
    const key = accountCodec.enc(toSs58(DEV_ACCOUNTS.Bob));
    const value = accountCodec.dec(toHex(chain.state.storageGet(fromHex(key))!)) as {
      data: { free: bigint };
    };
    expect(value.data.free).toBe(DEV_ENDOWMENT);
    const version = builder
      .buildConstant("System", "Version")
      .dec(
        decoded.metadata.value.pallets
          .find((p) => p.name === "System")!
          .constants.find((c) => c.name === "Version")!.value,
      );
    expect(version).toMatchObject({
      spec_name: "canary",
      spec_version: SPEC_VERSION,
      transaction_version: 1,
    });
  });

  it("answers AccountNonceApi and refuses undecodable API input as a panic naming the entry point", () => {
    const chain = new RelayChain(code);
    expect(chain.api(AccountNonceApi).account_nonce(DEV_ACCOUNTS.Alice)).toBe(0);
    expect(() => chain.query("AccountNonceApi_account_nonce", new Uint8Array(31))).toThrow(
      /AccountNonceApi_account_nonce panicked: .*cannot decode the input/,
    );
    expect(() => chain.query("AccountNonceApi_account_nonce", new Uint8Array(33))).toThrow(
      /cannot decode the input/,
    );
    expect(() => chain.query("Nope_nothing")).toThrow(/no entry point Nope_nothing/);
  });

  it("decodes session keys in Kusama's order and refuses a wrong length", () => {
    const chain = new RelayChain(code);
    const keys = new Uint8Array(32 * 5 + 33).map((_, i) => i);
    const decoded = chain.api(SessionKeysApi).decode_session_keys(keys);
    expect(decoded!.map(([pub, id]) => [pub.length, new TextDecoder().decode(id)])).toEqual([
      [32, "gran"],
      [32, "babe"],
      [32, "para"],
      [32, "asgn"],
      [32, "audi"],
      [33, "beef"],
    ]);
    expect(chain.api(SessionKeysApi).decode_session_keys(keys.slice(1))).toBeUndefined();
  });
});

describe("a transfer signed offline with polkadot.js", () => {
  it("is applied by BlockBuilder_apply_extrinsic; the balances, fee split and events decode with polkadot.js", () => {
    const chain = new RelayChain(code);
    const { Alice, Bob } = DEV_ACCOUNTS;
    const amount = 12_345_678_900_000n;
    const xt = pjsSigned(chain, "//Alice", transferKeepAlive(Bob, amount));
    const fee = partialFee(chain, xt);
    expect(fee > 0n).toBe(true);
    const treasury = treasuryAccount();
    const { results } = chain.buildBlock([xt]);
    expect(results).toEqual(["0x0000"]); // Ok(Ok(()))
    expect(free(chain, Bob)).toBe(DEV_ENDOWMENT + amount);
    expect(free(chain, Alice)).toBe(DEV_ENDOWMENT - amount - fee);
    expect(account(chain, Alice).nonce).toBe(1);
    // 80% of the fee to the treasury; the author's 20% is burned while blocks carry no author.
    expect(free(chain, treasury)).toBe((fee * 80n) / 100n);
    const names = events(chain).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "balances.Transfer",
        "transactionPayment.TransactionFeePaid",
        "system.ExtrinsicSuccess",
      ]),
    );
    const [from, to, value] = events(chain).find((e) => e.name === "balances.Transfer")!.data as [
      string,
      string,
      number,
    ];
    expect([toHex(keyring().decodeAddress(from)), toHex(keyring().decodeAddress(to)), BigInt(value)]).toEqual(
      [toHex(Alice), toHex(Bob), amount],
    );
  });

  it("imports the authored block on the parent state with the same roots", () => {
    const author = new RelayChain(code);
    const importer = new RelayChain(code);
    const xt = pjsSigned(author, "//Alice", transferKeepAlive(DEV_ACCOUNTS.Bob, 10_000_000_000n));
    const { block } = author.buildBlock([xt]);
    importer.importBlock(block);
    expect(toHex(importer.state.storageRoot(1))).toBe(toHex(block.header.stateRoot));
    expect(toHex(blockHash(importer.head))).toBe(toHex(blockHash(author.head)));
    const tampered = { ...block, header: { ...block.header, stateRoot: new Uint8Array(32) } };
    const other = new RelayChain(code);
    expect(() => other.importBlock(tampered)).toThrow(/state root/);
    const extraLog = {
      ...block,
      header: {
        ...block.header,
        digest: [...block.header.digest, { tag: "Other" as const, value: Uint8Array.of(1) }],
      },
    };
    expect(() => other.importBlock(extraLog)).toThrow(/digest differs/);
  });
});

function toSs58(key: Uint8Array, prefix = 42): string {
  return keyring().encodeAddress(key, prefix);
}

/** Kusama's treasury: PalletId "py/trsry" as an account ("modl" ++ id, zero-padded). */
function treasuryAccount(): Uint8Array {
  const out = new Uint8Array(32);
  out.set(encodeUtf8("modlpy/trsry"));
  return out;
}

/** sudo(System.set_code(code)) signed by Alice (the sudo key). */
function sudoSetCode(chain: RelayChain, newCode: Uint8Array, nonce: number) {
  // Hex, not a Uint8Array: polkadot.js reads a Uint8Array given for Bytes as already length-prefixed.
  const setCode = registry.createType("Call", { callIndex: [0, 2], args: { code: toHex(newCode) } });
  return pjsSigned(chain, "//Alice", { callIndex: [255, 0], args: { call: setCode.toHex() } }, { nonce });
}

/** The Sudid result of the last block, decoded by polkadot.js. */
const sudoResult = (chain: RelayChain) =>
  JSON.stringify(events(chain).find((e) => e.name === "sudo.Sudid")?.data);

describe("runtime upgrades with system.setCode", () => {
  let v2: Uint8Array;
  beforeAll(async () => {
    v2 = (await relayBundle({ specVersion: SPEC_VERSION + 1 })).code;
  }, 60_000);

  it("switches execution to a bundle of higher spec_version from the next block", () => {
    const chain = new RelayChain(code);
    const { block, results } = chain.buildBlock([sudoSetCode(chain, v2, 0)]);
    expect(results).toEqual(["0x0000"]);
    expect(sudoResult(chain)).toBe('[{"ok":null}]');
    expect(events(chain).map((e) => e.name)).toContain("system.CodeUpdated");
    // The block that sets the code announces it in its digest and still ran with the old code.
    expect(block.header.digest.map((d) => d.tag)).toContain("RuntimeEnvironmentUpdated");
    expect(bytesEqual(chain.code, v2)).toBe(true);
    const version = (c: RelayChain) =>
      (registry.createType("RuntimeVersion", c.query("Core_version")).toJSON() as { specVersion: number })
        .specVersion;
    expect(version(chain)).toBe(SPEC_VERSION + 1);
    // The next block executes with the new code: its compilation happens now, once.
    const compiled = chain.executor.compilations;
    const next = chain.buildBlock([
      pjsSigned(chain, "//Alice", transferKeepAlive(DEV_ACCOUNTS.Bob, 10n ** 12n), {
        nonce: 1,
        specVersion: SPEC_VERSION + 1,
      }),
    ]);
    expect(next.results).toEqual(["0x0000"]);
    expect(chain.executor.compilations).toBe(compiled);
    // An importer that runs the same two blocks reaches the same state.
    const importer = new RelayChain(code);
    importer.importBlock(block);
    importer.importBlock(next.block);
    expect(toHex(importer.state.storageRoot(1))).toBe(toHex(next.block.header.stateRoot));
  });

  it("refuses a bundle of the same or a lower spec_version, another spec_name, or one that does not run", async () => {
    const same = (await relayBundle({ specVersion: SPEC_VERSION })).code;
    const lower = (await relayBundle({ specVersion: SPEC_VERSION - 1 })).code;
    const renamed = (await relayBundle({ specVersion: SPEC_VERSION + 1, specName: "kusama" })).code;
    const junk = encodeUtf8("not a runtime");
    const cases: Array<[string, Uint8Array, string]> = [
      ["same version", same, "SpecVersionNeedsToIncrease"],
      ["lower version", lower, "SpecVersionNeedsToIncrease"],
      ["other spec name", renamed, "InvalidSpecName"],
      ["not a runtime", junk, "FailedToExtractRuntimeVersion"],
    ];
    for (const [name, bundle, error] of cases) {
      const chain = new RelayChain(code);
      chain.buildBlock([sudoSetCode(chain, bundle, 0)]);
      const result = JSON.parse(sudoResult(chain)) as [{ err: { module: { index: number; error: string } } }];
      const { index, error: raw } = result[0].err.module;
      expect(index, name).toBe(0);
      expect(
        registry.findMetaError(Uint8Array.of(0, Number.parseInt(raw.slice(2, 4), 16))).method,
        name,
      ).toBe(error);
      expect(bytesEqual(chain.code, code), `${name}: the code must not change`).toBe(true);
    }
  });
});

describe("bad transactions get their TransactionValidityError and change nothing", () => {
  const validityHex = (tag: string, kind: string) => {
    const invalid = [
      "Call",
      "Payment",
      "Future",
      "Stale",
      "BadProof",
      "AncientBirthBlock",
      "ExhaustsResources",
    ];
    const unknown = ["CannotLookup", "NoUnsignedValidator"];
    return tag === "Invalid"
      ? `0x0100${invalid.indexOf(kind).toString(16).padStart(2, "0")}`
      : `0x0101${unknown.indexOf(kind).toString(16).padStart(2, "0")}`;
  };

  it("through BlockBuilder_apply_extrinsic and TaggedTransactionQueue_validate_transaction", () => {
    const chain = new RelayChain(code);
    // A few blocks first, so that mortal eras have a history to be checked against.
    chain.buildBlock([pjsSigned(chain, "//Alice", transferKeepAlive(DEV_ACCOUNTS.Bob, 10n ** 12n))]);
    for (let i = 0; i < 5; i++) chain.buildBlock([]);
    const good = transferKeepAlive(DEV_ACCOUNTS.Bob, 10n ** 12n);
    const transfer = pjsSigned(chain, "//Alice", good, { nonce: 1 });
    const badSignature = transfer.slice();
    badSignature[40] = (badSignature[40] ?? 0) ^ 1;
    const callBytes = (pallet: number, call: number) => {
      const bytes = registry.createType("Extrinsic", transfer).method.toU8a();
      bytes[0] = pallet;
      bytes[1] = call;
      return bytes;
    };
    // Calls polkadot.js cannot build (unknown indices), signed with Canary's own primitives.
    const withCall = (call: Uint8Array) => {
      const extra = { era: { tag: "Immortal" as const }, nonce: 1, tip: 0n, metadataHashMode: 0 as const };
      const payload = signingPayload({
        call,
        extra,
        additional: {
          specVersion: SPEC_VERSION,
          txVersion: 1,
          genesisHash: chain.genesisHash,
          birthHash: chain.genesisHash,
          metadataHash: undefined,
        },
      });
      const signature = sr25519Sign(devKeypair("Alice"), payloadToSign(payload));
      return encodeExtrinsic({
        call,
        signed: {
          address: { tag: "Id", value: DEV_ACCOUNTS.Alice },
          signature: { tag: "Sr25519", value: signature },
          extra,
        },
      });
    };
    const cases: Array<[string, Uint8Array, string]> = [
      // The body cut short under a length prefix that matches it: the extrinsic itself is truncated.
      ["truncated", Bytes.enc(Bytes.dec(transfer).slice(0, -5)), validityHex("Invalid", "Call")],
      ["bad signature", badSignature, validityHex("Invalid", "BadProof")],
      ["stale nonce", pjsSigned(chain, "//Alice", good, { nonce: 0 }), validityHex("Invalid", "Stale")],
      [
        "future nonce (in a block)",
        pjsSigned(chain, "//Alice", good, { nonce: 7 }),
        validityHex("Invalid", "Future"),
      ],
      [
        "expired era",
        pjsSigned(chain, "//Alice", good, {
          nonce: 1,
          era: { period: 4, current: 0, birthHash: chain.genesisHash },
        }),
        validityHex("Invalid", "BadProof"),
      ],
      [
        "birth block never seen",
        pjsSigned(chain, "//Alice", good, {
          nonce: 1,
          era: { period: 64, current: 40, birthHash: chain.genesisHash },
        }),
        validityHex("Invalid", "AncientBirthBlock"),
      ],
      ["unknown pallet", withCall(callBytes(77, 0)), validityHex("Invalid", "Call")],
      ["unknown call", withCall(callBytes(4, 99)), validityHex("Invalid", "Call")],
      ["sender who cannot pay", pjsSigned(chain, "//Pauper", good), validityHex("Invalid", "Payment")],
      [
        "oversized",
        pjsSigned(
          chain,
          "//Alice",
          { callIndex: [0, 0], args: { remark: toHex(new Uint8Array(4 * 1024 * 1024)) } },
          { nonce: 1 },
        ),
        validityHex("Invalid", "ExhaustsResources"),
      ],
    ];
    for (const [name, xt, expected] of cases) {
      // Applying inside a block under construction: rejected, and the block's state is as before.
      const host = chain.snapshot();
      const parent = blockHash(chain.head);
      const header = {
        parentHash: parent,
        number: chain.head.number + 1,
        stateRoot: new Uint8Array(32),
        extrinsicsRoot: new Uint8Array(32),
        digest: [],
      };
      chain.api(CoreApi, host).initialize_block(header);
      const before = toHex(host.storageRoot(1));
      const applied = toHex(chain.call("BlockBuilder_apply_extrinsic", xt, host));
      expect(applied, name).toBe(expected);
      expect(toHex(host.storageRoot(1)), `${name} changed the state`).toBe(before);
      // The pool's check gives the same verdict, except that a future nonce waits there.
      if (name.startsWith("future")) continue;
      const input = new Uint8Array([2, ...xt, ...parent]); // source External
      expect(toHex(chain.query("TaggedTransactionQueue_validate_transaction", input)), name).toBe(expected);
    }
  });

  it("the pool refuses inherents and unsigned calls no validator claims", () => {
    const chain = new RelayChain(code);
    const [timestamp] = chain.api(BlockBuilderApi).inherent_extrinsics(inherentData(6_000n));
    const input = (xt: Uint8Array) => new Uint8Array([2, ...xt, ...chain.genesisHash]);
    expect(toHex(chain.query("TaggedTransactionQueue_validate_transaction", input(timestamp!)))).toBe(
      "0x010009",
    ); // MandatoryValidation
    const remark = registry.createType("Extrinsic", {
      method: registry.createType("Call", { callIndex: [0, 0], args: { remark: "0x01" } }).toHex(),
    });
    expect(toHex(chain.query("TaggedTransactionQueue_validate_transaction", input(remark.toU8a())))).toBe(
      "0x010101",
    ); // NoUnsignedValidator
  });
});

describe("determinism", () => {
  it("two builds of the relay runtime give the same bytes", async () => {
    const again = await relayBundle();
    expect(toHex(again.codeHash)).toBe(toHex((await relayBundle()).codeHash));
    expect(bytesEqual(again.code, code)).toBe(true);
  });

  it("the same block executed twice on the same state gives the same root", () => {
    const author = new RelayChain(code);
    const { block } = author.buildBlock([
      pjsSigned(author, "//Alice", transferKeepAlive(DEV_ACCOUNTS.Bob, 10n ** 12n)),
    ]);
    const roots = [new RelayChain(code), new RelayChain(code)].map((c) => {
      c.importBlock(block);
      return toHex(c.state.storageRoot(1));
    });
    expect(roots[0]).toBe(roots[1]);
    expect(roots[0]).toBe(toHex(block.header.stateRoot));
  });
});
