/**
 * Genesis state roots pinned to what the node computed before issue 14's genesis work (main at
 * 875f9ba): the presets, a config that exercises balances, vesting, claims, staking, session and
 * sudo, and a raw chain spec. A faster genesis path must give exactly these states.
 */
import { initCrypto } from "@canary/crypto";
import { encodeUtf8, toHex } from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";
import { beforeAll, describe, expect, it } from "vitest";
import { Executor } from "../executor/index.ts";
import { BlockState, NodeHost } from "../overlay/index.ts";
import { parseChainSpec } from "../service/chainSpec.ts";
import { relayRuntimeCode } from "../service/runtimeCode.ts";
import { buildGenesisInMemory, genesisFromStorage, genesisPresetConfig } from "./buildGenesis.ts";

const presetJson = (code: Uint8Array, preset: string) =>
  genesisPresetConfig(new Executor(), code, preset, {
    host: new NodeHost(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT })),
    entries: () => [],
  });

/** The bundle changes with every runtime source change, so roots are pinned without `:code`. */
const PINNED: Record<string, string> = {
  development: "0xd0fcebc5cc512efc452febb0e48652cf286e3c520420a91b6bce8f74f9fb4760",
  local_testnet: "0x441ed69841cd2689c313f11b01bfa3a01c831abe70b0b2579686eb1998fda5ab",
  canary: "0xb5100503b255171b39dadd448b9b7d63cc5394a24f1715f20188d3576808d328",
  mixed: "0x661e72047c94c9ad21955cabad99b209f955671d7dc0b26c8e320eb79acf1b2c",
  funded: "0x50be5fca998cceb51ce4b0f1bb47de72a7a6fdf87c04baa9badff9ef53ee9fe3",
  raw: "0xc1c479208c6be7033781853c08dc11f1be25d057eaebad193a65fe3e8d80391b",
};

const account = (byte: number) => `0x${byte.toString(16).padStart(2, "0").repeat(32)}`;
const eth = (byte: number) => `0x${byte.toString(16).padStart(2, "0").repeat(20)}`;
const UNITS = 10n ** 12n;

/** Every section the relay's genesis reads, with balances above 2^64 and given as numbers and strings. */
export const MIXED_CONFIG = `{
  "system": {},
  "babe": {"epochConfig": {"c": [1, 4], "allowed_slots": "PrimaryAndSecondaryPlainSlots"}, "slotDuration": 3000, "epochDuration": 20},
  "balances": {"balances": [
    ["${account(1)}", ${1_000_000n * UNITS}],
    ["${account(2)}", "${2_000_000n * UNITS}"],
    ["${account(3)}", 340282366920938463463374607431768],
    ["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", ${5000n * UNITS}],
    ["${account(4)}", ${777n * UNITS}],
    ["${account(5)}", 1000000000000]
  ]},
  "vesting": {"vesting": [["${account(4)}", 10, 100, ${100n * UNITS}]]},
  "claims": {
    "claims": [["${eth(7)}", ${50n * UNITS}, null, "Regular"], ["${eth(8)}", "${60n * UNITS}", "${account(5)}", null]],
    "vesting": [["${eth(7)}", [${10n * UNITS}, ${UNITS}, 5]]]
  },
  "staking": {
    "validatorCount": 2, "minimumValidatorCount": 1,
    "invulnerables": ["${account(1)}"],
    "forceEra": "NotForcing",
    "stakers": [
      ["${account(1)}", "${account(1)}", ${100_000n * UNITS}, "Validator"],
      ["${account(2)}", "${account(2)}", ${100_000n * UNITS}, "Validator"],
      ["${account(3)}", "${account(3)}", ${50_000n * UNITS}, {"Nominator": ["${account(1)}", "${account(2)}"]}]
    ]
  },
  "sudo": {"key": "${account(2)}"},
  "transactionPayment": {"multiplier": "1000000000000000000"},
  "launch": {"restricted": false}
}`;

const rootWithoutCode = (storage: Array<[Uint8Array, Uint8Array]>) =>
  toHex(
    genesisFromStorage(storage.map(([k, v]) => [k, toHex(k) === "0x3a636f6465" ? new Uint8Array() : v]))
      .header.stateRoot,
  );

describe("genesis state roots stay those main computed", () => {
  let code: Uint8Array;
  beforeAll(async () => {
    await initCrypto();
    code = await relayRuntimeCode();
  }, 60_000);

  for (const preset of ["development", "local_testnet", "canary"]) {
    it(`the ${preset} preset`, () => {
      const genesis = buildGenesisInMemory(new Executor(), code, { preset });
      expect(rootWithoutCode(genesis.storage)).toBe(PINNED[preset]);
    });
  }

  it("a config with balances, vesting, claims, staking, session and sudo", () => {
    const genesis = buildGenesisInMemory(new Executor(), code, { config: encodeUtf8(MIXED_CONFIG) });
    expect(rootWithoutCode(genesis.storage)).toBe(PINNED.mixed);
  });

  it("the development preset and 2,000 accounts funded as bench/memory.ts funds them", () => {
    const funded = Array.from({ length: 2000 }, (_, i) => {
      const key = `${(i + 1).toString(16).padStart(8, "0")}${"cc".repeat(28)}`;
      return `["0x${key}",1000000000000000]`;
    });
    const dev = JSON.parse(new TextDecoder().decode(presetJson(code, "development")));
    const text = JSON.stringify(dev).replace('"balances":[', `"balances":[${funded.join(",")},`);
    const genesis = buildGenesisInMemory(new Executor(), code, { config: encodeUtf8(text) });
    expect(genesis.storage.length).toBeGreaterThan(2000);
    expect(rootWithoutCode(genesis.storage)).toBe(PINNED.funded);
  });

  it("a raw chain spec", () => {
    const top = { "0x3a636f6465": "0x0102", "0x0a0b": `0x${"11".repeat(40)}`, "0x0a0c": "0x22" };
    const child = { "0x01": `0x${"33".repeat(50)}` };
    const spec = parseChainSpec(
      JSON.stringify({
        name: "r",
        id: "r",
        genesis: { raw: { top, childrenDefault: { "0x6b6964": child } } },
      }),
    );
    if (!("raw" in spec.genesis)) throw new Error("not raw");
    const genesis = genesisFromStorage(spec.genesis.raw, spec.genesis.childrenDefault);
    expect(toHex(genesis.header.stateRoot)).toBe(PINNED.raw);
  });
});
