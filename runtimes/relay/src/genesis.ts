/**
 * The relay chain's genesis (`GenesisBuilder` API): the config as JSON in Substrate's shape
 * (`{"balances": {"balances": [[account, amount], ...]}, "sudo": {"key": account}}`), the
 * built-in presets, and building the genesis state from a config. The host adds `:code` itself.
 */
import { CanaryError, decodeUtf8, encodeUtf8, ss58Encode } from "@canary/primitives";
import { DEV_ENDOWMENT, SS58_PREFIX } from "./constants.ts";
import { DEV_ACCOUNTS, DEV_STASHES } from "./devAccounts.ts";
import { type Json, JsonReader, parseJson, stringifyJson } from "./genesisJson.ts";
import type { Relay } from "./runtime.ts";

/** Substrate's preset names (`sp_genesis_builder::DEV_RUNTIME_PRESET`, `LOCAL_TESTNET_RUNTIME_PRESET`). */
export const DEV_PRESET = "development";
export const LOCAL_PRESET = "local_testnet";

const address = (key: Uint8Array) => ss58Encode(key, SS58_PREFIX);

/** Every dev account and its stash, endowed; Alice holds the sudo key. */
function devConfig(): Json {
  const endowed = [...Object.values(DEV_ACCOUNTS), ...Object.values(DEV_STASHES)];
  return {
    system: {},
    balances: { balances: endowed.map((key) => [address(key), DEV_ENDOWMENT]) },
    sudo: { key: address(DEV_ACCOUNTS.Alice) },
  };
}

const PRESETS: Record<string, () => Json> = {
  [DEV_PRESET]: devConfig,
  // The same accounts; the two differ once there are authorities (dev: Alice; local: Alice and Bob).
  [LOCAL_PRESET]: devConfig,
};

const DEFAULT_CONFIG: Json = {
  system: {},
  balances: { balances: [] },
  sudo: { key: null },
  transactionPayment: { multiplier: "1000000000000000000" },
};

export function presetNames(): Uint8Array[] {
  return Object.keys(PRESETS).map(encodeUtf8);
}

/** The named preset's config, the default config for no name, None for an unknown name. */
export function getPreset(id: Uint8Array | undefined): Uint8Array | undefined {
  if (id === undefined) return stringifyJson(DEFAULT_CONFIG);
  const name = decodeUtf8(id);
  const preset = name !== undefined && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  return preset ? stringifyJson(preset()) : undefined;
}

/** Runs each pallet's genesis build from the config; a bad config is an error with its path. */
export function buildState(
  { pallets }: Relay,
  json: Uint8Array,
): { ok: true; value: undefined } | { ok: false; error: string } {
  try {
    const sections = new JsonReader(parseJson(json), "genesis").object([
      "system",
      "balances",
      "sudo",
      "transactionPayment",
    ]);
    sections.system?.object([]);
    pallets.system.genesis?.build({});
    const balances = sections.balances?.object(["balances"]).balances;
    pallets.balances.genesis?.build({
      balances: (balances?.array() ?? []).map((entry) => {
        const pair = entry.array();
        if (pair.length !== 2)
          throw new CanaryError("GENESIS_BAD_CONFIG", `${entry.path}: expected [account, amount]`);
        return [pair[0]!.account(), pair[1]!.uint(128)];
      }),
    });
    const key = sections.sudo?.object(["key"]).key;
    pallets.sudo.genesis?.build(key === undefined || key.missing ? {} : { key: key.account() });
    const multiplier = sections.transactionPayment?.object(["multiplier"]).multiplier;
    pallets.transactionPayment.genesis?.build(
      multiplier === undefined ? {} : { multiplier: multiplier.uint(128) },
    );
    return { ok: true, value: undefined };
  } catch (e) {
    if (e instanceof CanaryError) return { ok: false, error: `${e.code}: ${e.message}` };
    throw e;
  }
}
