/**
 * The relay chain's genesis (`GenesisBuilder` API): the config as JSON in Substrate's shape
 * (`{"balances": {"balances": [[account, amount], ...]}, "sudo": {"key": account}}`), the
 * built-in presets, and building the genesis state from a config. The host adds `:code` itself.
 */
import type { StakerStatus, StakingGenesis } from "@canary/pallets";
import { CanaryError, decodeUtf8, encodeUtf8, ss58Encode, toHex } from "@canary/primitives";
import {
  DEV_ENDOWMENT,
  EPOCH_DURATION_IN_SLOTS,
  LAUNCH_BOND,
  LAUNCH_ENDOWMENT,
  MILLISECS_PER_BLOCK,
  SS58_PREFIX,
} from "./constants.ts";
import { DEV_ACCOUNTS, type DEV_ED25519, DEV_STASHES, devSessionKeys } from "./devAccounts.ts";
import { type Json, JsonReader, parseJson, stringifyJson } from "./genesisJson.ts";
import type { Relay } from "./runtime.ts";
import { SESSION_KEY_TYPES } from "./sessionKeys.ts";

/** Substrate's preset names (`sp_genesis_builder::DEV_RUNTIME_PRESET`, `LOCAL_TESTNET_RUNTIME_PRESET`). */
export const DEV_PRESET = "development";
export const LOCAL_PRESET = "local_testnet";
/** Canary's launch: proof-of-authority, sudo, claims, and no transfers until sudo allows them. */
export const LAUNCH_PRESET = "canary";

const address = (key: Uint8Array) => ss58Encode(key, SS58_PREFIX);

/** A validator's session entry as Substrate's chain specs write it: `[account, validator id, keys]`. */
function sessionEntry(name: keyof typeof DEV_ED25519): Json {
  const keys = devSessionKeys(name);
  return [
    address(DEV_ACCOUNTS[name]),
    address(DEV_ACCOUNTS[name]),
    Object.fromEntries(SESSION_KEY_TYPES.map((t) => [t.name, toHex(keys[t.name]!)])),
  ];
}

/** Every dev account and its stash, endowed; Alice holds the sudo key; `validators` author. */
function devConfig(validators: Array<keyof typeof DEV_ED25519>): Json {
  const endowed = [...Object.values(DEV_ACCOUNTS), ...Object.values(DEV_STASHES)];
  return {
    system: {},
    balances: { balances: endowed.map((key) => [address(key), DEV_ENDOWMENT]) },
    session: { keys: validators.map(sessionEntry) },
    sudo: { key: address(DEV_ACCOUNTS.Alice) },
  };
}

/**
 * Kusama's CC1 genesis in small: two authorities (the dev keys of Alice and Bob, for a local
 * launch; a real one writes its own with build-spec) bonded as invulnerable validators, eras not
 * yet forced (`ForceNone`), Alice's sudo, the launch restriction on, and no claims (a claims file
 * adds them). Everyone else gets KSM by claiming.
 */
function launchConfig(): Json {
  const poa = ["Alice", "Bob"] as const;
  const accounts = poa.map((name) => address(DEV_ACCOUNTS[name]));
  return {
    system: {},
    balances: { balances: accounts.map((a) => [a, LAUNCH_ENDOWMENT]) },
    session: { keys: poa.map(sessionEntry) },
    staking: {
      validatorCount: BigInt(poa.length),
      minimumValidatorCount: BigInt(poa.length),
      invulnerables: accounts,
      forceEra: "ForceNone",
      slashRewardFraction: 100_000_000n,
      stakers: accounts.map((a) => [a, a, LAUNCH_BOND, "Validator"]),
    },
    sudo: { key: accounts[0]! },
    launch: { restricted: true },
    claims: { claims: [], vesting: [] },
  };
}

const PRESETS: Record<string, () => Json> = {
  [DEV_PRESET]: () => devConfig(["Alice"]),
  [LOCAL_PRESET]: () => devConfig(["Alice", "Bob", "Charlie", "Dave"]),
  [LAUNCH_PRESET]: launchConfig,
};

const DEFAULT_CONFIG: Json = {
  system: {},
  babe: {
    epochConfig: { c: ["1", "4"], allowed_slots: "PrimaryAndSecondaryVRFSlots" },
    slotDuration: MILLISECS_PER_BLOCK,
    epochDuration: EPOCH_DURATION_IN_SLOTS,
  },
  balances: { balances: [] },
  session: { keys: [] },
  grandpa: {},
  sudo: { key: null },
  transactionPayment: { multiplier: "1000000000000000000" },
};

const ALLOWED_SLOTS = [
  "PrimarySlots",
  "PrimaryAndSecondaryPlainSlots",
  "PrimaryAndSecondaryVRFSlots",
] as const;

function epochConfig(reader: JsonReader) {
  const { c, allowed_slots } = reader.object(["c", "allowed_slots"]);
  const pair = c?.array() ?? [];
  if (pair.length !== 2)
    throw new CanaryError("GENESIS_BAD_CONFIG", `${reader.path}.c: expected [numerator, denominator]`);
  const slots = allowed_slots?.value;
  const tag = ALLOWED_SLOTS.find((s) => s === slots);
  if (!tag)
    throw new CanaryError(
      "GENESIS_BAD_CONFIG",
      `${reader.path}.allowed_slots: expected one of ${ALLOWED_SLOTS.join(", ")}`,
    );
  return { c: [pair[0]!.uint(64), pair[1]!.uint(64)] as [bigint, bigint], allowedSlots: tag };
}

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

/** One `[account, validator id, keys]` entry of the session config. */
function sessionKeys(entry: JsonReader): [Uint8Array, Record<string, Uint8Array>] {
  const parts = entry.array();
  if (parts.length !== 3)
    throw new CanaryError("GENESIS_BAD_CONFIG", `${entry.path}: expected [account, validator id, keys]`);
  const keys = parts[2]!.object(SESSION_KEY_TYPES.map((t) => t.name));
  const value: Record<string, Uint8Array> = {};
  for (const t of SESSION_KEY_TYPES) {
    const key = keys[t.name];
    if (!key) throw new CanaryError("GENESIS_BAD_CONFIG", `${parts[2]!.path}.${t.name}: missing`);
    value[t.name] = key.key(t.length);
  }
  return [parts[0]!.account(), value];
}

/** Runs each pallet's genesis build from the config; a bad config is an error with its path. */
export function buildState(
  { pallets }: Relay,
  json: Uint8Array,
): { ok: true; value: undefined } | { ok: false; error: string } {
  try {
    const sections = new JsonReader(parseJson(json), "genesis").object([
      "system",
      "babe",
      "balances",
      "session",
      "grandpa",
      "sudo",
      "transactionPayment",
      "claims",
      "vesting",
      "staking",
      "launch",
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
    // Vesting locks genesis balances, so it comes after them; claims only record what may be claimed.
    pallets.vesting.genesis?.build({
      vesting: (sections.vesting?.object(["vesting"]).vesting?.array() ?? []).map((entry) => {
        const v = tuple(entry, 4, "[account, begin, length, liquid]");
        return [v[0]!.account(), Number(v[1]!.uint(32)), Number(v[2]!.uint(32)), v[3]!.uint(128)];
      }),
    });
    const claims = sections.claims?.object(["claims", "vesting"]);
    pallets.claims.genesis?.build({
      claims: (claims?.claims?.array() ?? []).map((entry) => {
        const c = tuple(entry, 4, "[ethereum address, amount, preclaim account or null, statement or null]");
        return [
          c[0]!.bytes(20),
          c[1]!.uint(128),
          c[2]!.missing ? null : c[2]!.account(),
          c[3]!.missing ? null : c[3]!.oneOf(["Regular", "Saft"] as const),
        ];
      }),
      vesting: (claims?.vesting?.array() ?? []).map((entry) => {
        const v = tuple(entry, 2, "[ethereum address, [locked, per block, starting block]]");
        const [locked, perBlock, start] = tuple(v[1]!, 3, "[locked, per block, starting block]");
        return [v[0]!.bytes(20), [locked!.uint(128), perBlock!.uint(128), Number(start!.uint(32))]];
      }),
    });
    const key = sections.sudo?.object(["key"]).key;
    pallets.sudo?.genesis?.build(key === undefined || key.missing ? {} : { key: key.account() });
    const multiplier = sections.transactionPayment?.object(["multiplier"]).multiplier;
    pallets.transactionPayment.genesis?.build(
      multiplier === undefined ? {} : { multiplier: multiplier.uint(128) },
    );
    const babe = sections.babe?.object(["epochConfig", "slotDuration", "epochDuration"]);
    const babeEpoch = babe?.epochConfig;
    const { slotDuration, epochDuration } = babe ?? {};
    pallets.babe.genesis?.build({
      ...(babeEpoch === undefined || babeEpoch.missing ? {} : { epochConfig: epochConfig(babeEpoch) }),
      ...(slotDuration === undefined || slotDuration.missing ? {} : { slotDuration: slotDuration.uint(64) }),
      ...(epochDuration === undefined || epochDuration.missing
        ? {}
        : { epochDuration: epochDuration.uint(64) }),
    });
    if (sections.staking) pallets.staking.genesis?.build(stakingGenesis(sections.staking));
    const restricted = sections.launch?.object(["restricted"]).restricted;
    pallets.launch.genesis?.build(
      restricted === undefined || restricted.missing ? {} : { restricted: restricted.bool() },
    );
    sections.grandpa?.object([]);
    pallets.grandpa.genesis?.build({});
    // Session last: it hands the validators' keys to BABE and GRANDPA as their first sets.
    pallets.session.genesis?.build({
      keys: (sections.session?.object(["keys"]).keys?.array() ?? []).map(sessionKeys),
    });
    return { ok: true, value: undefined };
  } catch (e) {
    if (e instanceof CanaryError) return { ok: false, error: `${e.code}: ${e.message}` };
    throw e;
  }
}

const STAKING_FIELDS = [
  "validatorCount",
  "minimumValidatorCount",
  "invulnerables",
  "forceEra",
  "slashRewardFraction",
  "canceledPayout",
  "stakers",
  "minNominatorBond",
  "minValidatorBond",
  "maxValidatorCount",
  "maxNominatorCount",
  "sessionsPerEra",
  "bondingDuration",
  "slashDeferDuration",
] as const;

/**
 * Staking's section in Substrate's shape; stakers are `[stash, controller, bond, status]` with
 * status `"Validator"`, `"Idle"` or `{"Nominator": [targets]}`.
 */
function stakingGenesis(reader: JsonReader): StakingGenesis {
  const f = reader.object(STAKING_FIELDS);
  const u32 = (r: JsonReader | undefined) => (r === undefined || r.missing ? undefined : Number(r.uint(32)));
  const u128 = (r: JsonReader | undefined) => (r === undefined || r.missing ? undefined : r.uint(128));
  const out: StakingGenesis = {
    stakers: (f.stakers?.array() ?? []).map((entry) => {
      const [stash, controller, bond, status] = tuple(entry, 4, "[stash, controller, bond, status]");
      return [stash!.account(), controller!.account(), bond!.uint(128), stakerStatus(status!)];
    }),
    invulnerables: (f.invulnerables?.array() ?? []).map((a) => a.account()),
  };
  const numbers = {
    validatorCount: u32(f.validatorCount),
    minimumValidatorCount: u32(f.minimumValidatorCount),
    slashRewardFraction: u32(f.slashRewardFraction),
    maxValidatorCount: u32(f.maxValidatorCount),
    maxNominatorCount: u32(f.maxNominatorCount),
    sessionsPerEra: u32(f.sessionsPerEra),
    bondingDuration: u32(f.bondingDuration),
    slashDeferDuration: u32(f.slashDeferDuration),
  };
  const amounts = {
    canceledPayout: u128(f.canceledPayout),
    minNominatorBond: u128(f.minNominatorBond),
    minValidatorBond: u128(f.minValidatorBond),
  };
  for (const [k, v] of Object.entries({ ...numbers, ...amounts }))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (f.forceEra && !f.forceEra.missing) {
    out.forceEra = f.forceEra.oneOf(["NotForcing", "ForceNew", "ForceNone", "ForceAlways"] as const);
  }
  return out;
}

function stakerStatus(reader: JsonReader): StakerStatus {
  if (typeof reader.value === "string") {
    const tag = reader.oneOf(["Validator", "Idle"] as const);
    return { tag };
  }
  const { Nominator } = reader.object(["Nominator"]);
  if (!Nominator)
    throw new CanaryError(
      "GENESIS_BAD_CONFIG",
      `${reader.path}: expected "Validator", "Idle" or {"Nominator": [targets]}`,
    );
  return { tag: "Nominator", value: Nominator.array().map((t) => t.account()) };
}

/** The items of a JSON array of exactly `length`, else an error naming the shape expected. */
function tuple(entry: JsonReader, length: number, shape: string): JsonReader[] {
  const items = entry.array();
  if (items.length !== length)
    throw new CanaryError("GENESIS_BAD_CONFIG", `${entry.path}: expected ${shape}`);
  return items;
}
