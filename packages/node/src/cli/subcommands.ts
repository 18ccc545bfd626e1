/**
 * The `canary` subcommands (DESIGN.md §5): build-spec, purge-chain, key generate|inspect,
 * export-blocks and import-blocks.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { initCrypto, keypairFromSuri, SCHEMES, type Scheme, SharedVerifier } from "@canary/crypto";
import {
  Block,
  blockHash,
  concatBytes,
  decodeUtf8,
  encodeUtf8,
  Reader,
  ss58Encode,
  toHex,
} from "@canary/primitives";
import { mnemonicGenerate } from "@polkadot/util-crypto";
import { Chain, type ImportedBlock, ImportQueue, verifyDatabase } from "../chain/index.ts";
import { BabeVerifier, EpochResolver } from "../consensus/babe/index.ts";
import { openDatabase, purgeDatabase } from "../db/index.ts";
import { Executor } from "../executor/index.ts";
import { DEFAULT_CHILD_STORAGE_PREFIX } from "../genesis/index.ts";
import { genesisOf, presetConfig } from "../service/canaryNode.ts";
import { BUILT_IN_CHAINS, chainSpecJson, keepNumbers, loadChainSpec } from "../service/chainSpec.ts";
import { readClaimsFile } from "../service/claimsFile.ts";
import { Keystore } from "../service/keystore.ts";
import { peerId } from "../service/nodeKey.ts";
import { chainPaths } from "../service/paths.ts";
import { relayRuntimeCode } from "../service/runtimeCode.ts";
import { CliError } from "./errors.ts";
import { parseNodeKey } from "./nodeKeyFlag.ts";

type Out = (line: string) => void;

const flag = (message: string) => new CliError("CLI_BAD_FLAG", message);
/** Blocks `import-blocks` reads ahead of the one it waits for: their verification overlaps. */
const IMPORT_AHEAD = 8;

/** `--block-time <ms>`: a whole number of milliseconds ≥ 100 (a slot length). */
export function parseBlockTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 100 || ms > 600_000)
    throw flag(`--block-time must be a whole number of milliseconds from 100 to 600000, got ${value}`);
  return ms;
}

/** `--epoch-duration <slots>`: slots per epoch and session, 1 to 1,000,000. */
export function parseEpochDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const slots = Number(value);
  if (!/^\d+$/.test(value) || slots < 1 || slots > 1_000_000)
    throw flag(`--epoch-duration must be a whole number of slots from 1 to 1000000, got ${value}`);
  return slots;
}

/**
 * `build-spec [--chain dev] [--block-time <ms>] [--epoch-duration <slots>] [--claims <file>] [--raw]`:
 * the chain spec as JSON, with the runtime genesis or raw storage; `--block-time` and
 * `--epoch-duration` set a built-in chain's slot and epoch lengths in its genesis, `--claims` its
 * claims (a claims file: service/claimsFile.ts).
 */
export async function buildSpec(args: string[], out: Out): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      chain: { type: "string" },
      dev: { type: "boolean" },
      raw: { type: "boolean" },
      "block-time": { type: "string" },
      "epoch-duration": { type: "string" },
      claims: { type: "string" },
    },
  });
  const chainName = values.chain ?? "dev";
  const slotDurationMs = parseBlockTime(values["block-time"]);
  const epochDuration = parseEpochDuration(values["epoch-duration"]);
  if ((slotDurationMs ?? epochDuration) !== undefined && !BUILT_IN_CHAINS.includes(chainName))
    throw flag(
      `--block-time and --epoch-duration set the lengths of a built-in chain (${BUILT_IN_CHAINS.join(", ")}); ${chainName} has its own in its genesis (babe.slotDuration, babe.epochDuration)`,
    );
  if (values.claims !== undefined && !BUILT_IN_CHAINS.includes(chainName))
    throw flag(
      `--claims sets the claims of a built-in chain (${BUILT_IN_CHAINS.join(", ")}); ${chainName} has its own`,
    );
  const spec = loadChainSpec(chainName, {
    ...(slotDurationMs === undefined ? {} : { slotDurationMs }),
    ...(epochDuration === undefined ? {} : { epochDuration }),
    ...(values.claims === undefined ? {} : { claims: readClaimsFile(values.claims) }),
  });
  await initCrypto();
  const executor = new Executor();
  const g = spec.genesis;
  let genesis: unknown;
  if (values.raw || "raw" in g) {
    const { storage, children = [] } = await genesisOf(executor, spec);
    // Child roots are derived from childrenDefault when the spec is read: not listed in top.
    const rootKeys = new Set(children.map(([k]) => toHex(concatBytes(DEFAULT_CHILD_STORAGE_PREFIX, k))));
    const hexPairs = (kv: Array<[Uint8Array, Uint8Array]>) =>
      Object.fromEntries(kv.map(([k, v]) => [toHex(k), toHex(v)]));
    genesis = {
      raw: {
        top: hexPairs(storage.filter(([k]) => !rootKeys.has(toHex(k)))),
        childrenDefault: Object.fromEntries(children.map(([k, kv]) => [toHex(k), hexPairs(kv)])),
      },
    };
  } else if ("config" in g) {
    genesis = {
      runtimeGenesis: { code: toHex(g.code), config: JSON.parse(decodeUtf8(g.config) ?? "{}", keepNumbers) },
    };
  } else {
    const code = await relayRuntimeCode();
    const preset = presetConfig(executor, code, g);
    genesis = {
      runtimeGenesis: { code: toHex(code), patch: JSON.parse(decodeUtf8(preset) ?? "{}", keepNumbers) },
    };
  }
  out(JSON.stringify(chainSpecJson(spec, genesis), null, 2));
}

/** `purge-chain --base-path <dir> [--chain dev] -y`: deletes the chain's database. */
export function purgeChain(args: string[], out: Out): void {
  const { values } = parseArgs({
    args,
    options: {
      chain: { type: "string" },
      "base-path": { type: "string" },
      y: { type: "boolean", short: "y" },
    },
  });
  const base = values["base-path"];
  if (!base) throw flag("purge-chain needs --base-path <dir>");
  const spec = loadChainSpec(values.chain ?? "dev");
  const { db } = chainPaths(base, spec.id);
  if (!existsSync(db)) {
    out(`${db} does not exist`);
    return;
  }
  if (!values.y) throw flag(`this deletes ${db}; confirm with -y`);
  const left = purgeDatabase(db);
  out(`"${db}" removed.`);
  if (left.length > 0) out(`Kept what Canary did not create there: ${left.join(", ")}`);
}

/**
 * `key generate [--scheme sr25519]`, `key inspect <suri> [--scheme]`,
 * `key insert --base-path <dir> [--chain] --suri <suri> --key-type babe [--scheme]`, and
 * `key generate-node-key`, `key inspect-node-key <hex secret>` (the libp2p peer id of a node key).
 */
export async function key(args: string[], out: Out): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      scheme: { type: "string" },
      "network-prefix": { type: "string" },
      "base-path": { type: "string" },
      chain: { type: "string" },
      suri: { type: "string" },
      "key-type": { type: "string" },
    },
  });
  // GRANDPA keys are ed25519, every other session key sr25519 (Substrate's defaults per key type).
  const scheme = (
    values.scheme ?? (values["key-type"] === "gran" ? "ed25519" : "sr25519")
  ).toLowerCase() as Scheme;
  if (!SCHEMES.includes(scheme)) throw flag(`--scheme must be one of ${SCHEMES.join(", ")}`);
  const prefix = values["network-prefix"] === undefined ? 2 : Number(values["network-prefix"]);
  await initCrypto();
  if (action === "generate-node-key" || action === "inspect-node-key") {
    const secret = action === "generate-node-key" ? new Uint8Array(randomBytes(32)) : nodeKeyArg(positionals);
    out(`Peer ID: ${peerId(secret)}`);
    if (action === "generate-node-key")
      out(`Secret:  ${toHex(secret)}  (start a node with --node-key <secret>)`);
    return;
  }
  if (action === "insert") {
    const base = values["base-path"];
    if (!base || !values.suri || !values["key-type"])
      throw flag("key insert needs --base-path <dir>, --suri <secret URI> and --key-type <e.g. babe>");
    const keyType = encodeUtf8(values["key-type"]);
    if (keyType.length !== 4)
      throw flag(`--key-type is four letters (babe, gran, imon, …), got ${values["key-type"]}`);
    const spec = loadChainSpec(values.chain ?? "dev");
    const keystore = new Keystore(chainPaths(base, spec.id).keystore);
    const publicKey = keystore.generate(scheme, keyType, encodeUtf8(values.suri));
    out(`Inserted ${values["key-type"]} key ${toHex(publicKey)} into ${keystore.path}`);
    return;
  }
  let suri: string;
  if (action === "generate") suri = mnemonicGenerate(12);
  else if (action === "inspect") {
    if (positionals.length !== 1) throw flag("key inspect takes one secret URI, e.g. //Alice");
    suri = positionals[0]!;
  } else
    throw flag(
      "use `key generate`, `key inspect <suri>`, `key insert`, `key generate-node-key` or `key inspect-node-key <secret>`",
    );
  const pair = keypairFromSuri(suri, scheme);
  const label = action === "generate" ? "Secret phrase" : "Secret Key URI";
  out(`${label}:       ${suri}`);
  out(`  Network ID:        ${prefix}`);
  out(`  Public key (hex):  ${toHex(pair.publicKey)}`);
  out(`  Account ID:        ${toHex(pair.publicKey)}`);
  out(`  SS58 Address:      ${ss58Encode(pair.publicKey, prefix)}`);
}

function nodeKeyArg(positionals: string[]): Uint8Array {
  const hex = positionals[0];
  if (positionals.length !== 1 || !hex)
    throw flag("key inspect-node-key takes one 0x-prefixed 32-byte secret");
  return parseNodeKey(hex);
}

function openChain(args: string[], extra: Record<string, { type: "string" | "boolean" }> = {}) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { chain: { type: "string" }, "base-path": { type: "string" }, ...extra },
  });
  const base = values["base-path"];
  if (typeof base !== "string") throw flag("this command needs --base-path <dir>");
  const chainName = typeof values.chain === "string" ? values.chain : "dev";
  loadChainSpec(chainName); // refuses an unknown chain before anything opens
  return { base, chainName, values, positionals };
}

async function chainAt(base: string, specName: string) {
  await initCrypto();
  const spec = loadChainSpec(specName);
  const executor = new Executor();
  const genesis = await genesisOf(executor, spec);
  const path = chainPaths(base, spec.id).db;
  const identity = { genesisHash: blockHash(genesis.header), chainId: spec.id };
  verifyDatabase(path, identity);
  const db = openDatabase({ path, chain: identity });
  // Imported blocks pass BABE's checks; their slots may lie anywhere in the past or future.
  const epochs = new EpochResolver(() => chain);
  const chain: Chain = new Chain({
    db,
    executor,
    genesis,
    verifier: new BabeVerifier({ epochs }),
  });
  return { db, chain };
}

/** `export-blocks --base-path <dir> [--from 1] [--to best] <file>`: SCALE blocks, one after another. */
export async function exportBlocks(args: string[], out: Out): Promise<void> {
  const { base, chainName, values, positionals } = openChain(args, {
    from: { type: "string" },
    to: { type: "string" },
  });
  const file = positionals[0];
  if (!file) throw flag("export-blocks needs an output file");
  const { db, chain } = await chainAt(base, chainName);
  try {
    const range = values as { from?: string; to?: string };
    const from = Number(range.from ?? 1);
    const to = range.to === undefined ? chain.best().number : Number(range.to);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from)
      throw flag("--from and --to must be block numbers, from ≤ to");
    const parts: Uint8Array[] = [];
    for (let n = from; n <= to; n++) {
      const hash = chain.blocks.hashAt(n);
      const block = hash && chain.blocks.block(hash);
      if (!block) throw flag(`block #${n} is not in the database`);
      parts.push(Block.enc(block));
    }
    writeFileSync(file, Buffer.concat(parts));
    out(`Exported ${to - from + 1} blocks (#${from}..#${to}) to ${file}`);
  } finally {
    await db.close();
  }
}

/** `import-blocks --base-path <dir> <file>`: imports (executing each) and finalizes, with progress. */
export async function importBlocks(args: string[], out: Out): Promise<void> {
  const { base, chainName, positionals } = openChain(args);
  const file = positionals[0];
  if (!file) throw flag("import-blocks needs an input file");
  const bytes = new Uint8Array(readFileSync(file));
  const { db, chain } = await chainAt(base, chainName);
  // The node's import pipeline: signatures are checked on worker threads beside execution.
  const verifier = new SharedVerifier();
  const queue = new ImportQueue(chain, { verifier });
  try {
    const started = performance.now();
    const reader = new Reader(bytes);
    let count = 0;
    let last = started;
    const inFlight: Promise<ImportedBlock>[] = [];
    const settle = async () => {
      const imported = await inFlight.shift()!;
      chain.finalize(imported.hash);
      count++;
      const now = performance.now();
      if (now - last > 1_000) {
        out(`⚙️  Importing: #${imported.number}, ${((count * 1000) / (now - started)).toFixed(1)} blocks/s`);
        last = now;
      }
    };
    while (reader.remaining > 0) {
      const importing = queue.import(Block.read(reader));
      importing.catch(() => {}); // awaited in order by settle; a later block's refusal must not go unhandled
      inFlight.push(importing);
      if (inFlight.length >= IMPORT_AHEAD) await settle();
    }
    while (inFlight.length > 0) await settle();
    const seconds = (performance.now() - started) / 1000;
    out(
      `🎉 Imported ${count} blocks in ${seconds.toFixed(2)} s (${(count / seconds).toFixed(1)} blocks/s); best #${chain.best().number}`,
    );
  } finally {
    await verifier.close();
    await db.close();
  }
}
