/**
 * Chain specifications: the built-in chains (`--chain dev|local`) and Substrate-shaped chain spec
 * files (`--chain <spec.json>`, as `build-spec` writes them), with the genesis in either form:
 * `runtimeGenesis` (code and a config for the runtime's GenesisBuilder) or `raw` storage.
 */
import { existsSync, readFileSync } from "node:fs";
import { fromHex, parseJsonExact } from "@canary/primitives";
import type { ClaimsSection } from "./claimsFile.ts";
import { ServiceError } from "./errors.ts";
import { isValidChainId } from "./paths.ts";

export type GenesisSpec =
  /** A preset of the bundled runtime, with other slot and epoch lengths (Babe's genesis) if given. */
  | ({ preset: string } & ChainSpecOptions)
  /** A config (or patch: absent sections take the runtime's defaults) for `code`'s GenesisBuilder. */
  | { code: Uint8Array; config: Uint8Array }
  /** The genesis storage itself, `:code` included, and its default child tries (unprefixed key, entries). */
  | {
      raw: Array<[Uint8Array, Uint8Array]>;
      childrenDefault?: Array<[Uint8Array, Array<[Uint8Array, Uint8Array]>]>;
    };

export interface ChainSpec {
  id: string;
  name: string;
  chainType: "Development" | "Local" | "Live";
  /** What `system_properties` answers. */
  properties: Record<string, unknown>;
  /** Peers to dial at start, as `/ip4/…/tcp/…/p2p/<peer id>` multiaddrs. */
  bootNodes: string[];
  protocolId: string;
  /** The genesis state; block authors are the runtime's (BABE's authorities), not the spec's. */
  genesis: GenesisSpec;
}

const PROPERTIES = { ss58Format: 2, tokenDecimals: 12, tokenSymbol: "KSM" };
const CHAIN_TYPES = ["Development", "Local", "Live"] as const;

const BUILT_IN: Record<string, () => ChainSpec> = {
  dev: () => ({
    id: "canary_dev",
    name: "Canary Development",
    chainType: "Development",
    properties: PROPERTIES,
    bootNodes: [],
    protocolId: "canary",
    genesis: { preset: "development" },
  }),
  local: () => ({
    id: "canary_local",
    name: "Canary Local Testnet",
    chainType: "Local",
    properties: PROPERTIES,
    bootNodes: [],
    protocolId: "canary",
    genesis: { preset: "local_testnet" },
  }),
  // Kusama's launch replayed: proof-of-authority, claims, sudo, no transfers yet (docs/launch.md).
  canary: () => ({
    id: "canary",
    name: "Canary",
    chainType: "Live",
    properties: PROPERTIES,
    bootNodes: [],
    protocolId: "canary",
    genesis: { preset: "canary" },
  }),
};

export const BUILT_IN_CHAINS = Object.keys(BUILT_IN);

export interface ChainSpecOptions {
  /**
   * The slot length of a built-in chain, in ms (`--block-time`): written into its genesis (Babe's
   * `slotDuration`), so it is another chain with another genesis hash. A spec file has its own
   * (the node refuses a different --block-time once it has read it).
   */
  slotDurationMs?: number;
  /** Slots per epoch (and session) of a built-in chain (Babe's `epochDuration`; Kusama: 600). */
  epochDuration?: number;
  /** The claims of a built-in chain (`--claims <file>`): its genesis `claims` section. */
  claims?: ClaimsSection;
}

/** `dev`, `local`, `canary`, or the path of a chain spec file. */
export function loadChainSpec(chain: string, options: ChainSpecOptions = {}): ChainSpec {
  const builtIn = Object.hasOwn(BUILT_IN, chain) ? BUILT_IN[chain] : undefined;
  if (builtIn) {
    const spec = builtIn();
    if ("preset" in spec.genesis) spec.genesis = { preset: spec.genesis.preset, ...options };
    return spec;
  }
  if (!existsSync(chain)) {
    throw new ServiceError(
      "NODE_UNKNOWN_CHAIN",
      `unknown chain "${chain}": use ${BUILT_IN_CHAINS.join(", ")} or the path of a chain spec file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(chain, "utf8");
  } catch (e) {
    throw new ServiceError(
      "NODE_BAD_CHAIN_SPEC",
      `cannot read chain spec ${chain}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  return parseChainSpec(text, chain);
}

/**
 * A chain spec from its JSON text. Numbers are kept as written (balances exceed 2^53), so the
 * runtime gets the config exactly as the file has it.
 */
export function parseChainSpec(text: string, source = "chain spec"): ChainSpec {
  const bad = (what: string) => new ServiceError("NODE_BAD_CHAIN_SPEC", `${source}: ${what}`);
  let json: unknown;
  try {
    json = parseJsonExact(text, { inexact: rawJson });
  } catch (e) {
    throw new ServiceError("NODE_BAD_CHAIN_SPEC", `${source} is not JSON: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (!isObject(json)) throw bad("expected a JSON object");
  const string = (key: string): string => {
    const v = json[key];
    if (typeof v !== "string" || v === "") throw bad(`"${key}" must be a non-empty string`);
    return v;
  };
  const chainType = json.chainType ?? "Live";
  if (!CHAIN_TYPES.includes(chainType as never))
    throw bad(`"chainType" must be one of ${CHAIN_TYPES.join(", ")}`);
  const properties = json.properties ?? {};
  if (!isObject(properties)) throw bad(`"properties" must be an object`);
  const bootNodes = json.bootNodes ?? [];
  if (!Array.isArray(bootNodes) || !bootNodes.every((b) => typeof b === "string"))
    throw bad(`"bootNodes" must be an array of multiaddr strings`);
  const id = string("id");
  // The id names the chain's directory under the base path: "../x" would put it elsewhere.
  if (!isValidChainId(id))
    throw bad(
      `"id" must be 1 to 64 letters, digits, "_" or "-" (it names a directory), got ${JSON.stringify(id)}`,
    );
  return {
    id,
    name: string("name"),
    chainType: chainType as ChainSpec["chainType"],
    properties: JSON.parse(JSON.stringify(properties)),
    bootNodes,
    protocolId: typeof json.protocolId === "string" ? json.protocolId : "canary",
    genesis: parseGenesis(json.genesis, bad),
  };
}

function parseGenesis(genesis: unknown, bad: (what: string) => ServiceError): GenesisSpec {
  if (!isObject(genesis)) throw bad(`"genesis" must be an object with "raw" or "runtimeGenesis"`);
  if (isObject(genesis.raw)) {
    const top = genesis.raw.top;
    if (!isObject(top)) throw bad(`"genesis.raw.top" must be an object of hex keys to hex values`);
    const pairs = (o: Record<string, unknown>, where: string) =>
      Object.entries(o).map(([k, v]): [Uint8Array, Uint8Array] => [
        hexBytes(k, `${where} key ${k}`, bad),
        hexBytes(v, `${where}["${k}"]`, bad),
      ]);
    const raw = pairs(top, `"genesis.raw.top"`);
    const children = genesis.raw.childrenDefault ?? {};
    if (!isObject(children))
      throw bad(`"genesis.raw.childrenDefault" must be an object of child keys to storage objects`);
    const childrenDefault = Object.entries(children).map(
      ([key, kv]): [Uint8Array, Array<[Uint8Array, Uint8Array]>] => {
        const where = `"genesis.raw.childrenDefault"["${key}"]`;
        if (!isObject(kv)) throw bad(`${where} must be an object of hex keys to hex values`);
        return [hexBytes(key, `"genesis.raw.childrenDefault" key ${key}`, bad), pairs(kv, where)];
      },
    );
    return childrenDefault.length > 0 ? { raw, childrenDefault } : { raw };
  }
  const runtime = genesis.runtimeGenesis;
  if (isObject(runtime)) {
    const code = hexBytes(runtime.code, `"genesis.runtimeGenesis.code"`, bad);
    const config = runtime.config ?? runtime.patch;
    if (!isObject(config)) throw bad(`"genesis.runtimeGenesis" needs a "config" or "patch" object`);
    return { code, config: new TextEncoder().encode(JSON.stringify(config)) };
  }
  throw bad(`"genesis" must hold "raw" or "runtimeGenesis"`);
}

/** The spec as `build-spec` writes it, given the genesis section to put in. */
export function chainSpecJson(spec: ChainSpec, genesis: unknown): Record<string, unknown> {
  return {
    name: spec.name,
    id: spec.id,
    chainType: spec.chainType,
    bootNodes: spec.bootNodes,
    telemetryEndpoints: null,
    protocolId: spec.protocolId,
    properties: spec.properties,
    codeSubstitutes: {},
    genesis,
  };
}

function hexBytes(value: unknown, where: string, bad: (what: string) => ServiceError): Uint8Array {
  if (typeof value === "string" && value.length % 2 === 0 && /^0x[0-9a-fA-F]*$/.test(value))
    return fromHex(value);
  throw bad(`${where} must be 0x-prefixed hex`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isRawJson(v);
}

// Node ≥ 22's JSON.rawJSON keeps a number's exact text through JSON.stringify.
const rawJson = (JSON as unknown as { rawJSON(text: string): object }).rawJSON;

/** A `JSON.parse` reviver that keeps every number exactly as written (for JSON.stringify). */
export function keepNumbers(_key: string, value: unknown, ctx?: { source?: string }): unknown {
  return typeof value === "number" && ctx?.source !== undefined ? rawJson(ctx.source) : value;
}
const isRawJson = (JSON as unknown as { isRawJSON(v: unknown): boolean }).isRawJSON;
