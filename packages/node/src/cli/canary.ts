/**
 * The `canary` command (DESIGN.md §5). `npm run canary -- --dev` starts a development node: a
 * temporary chain, Alice authoring every 6 s, finalized at once.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEV_ACCOUNT_NAMES } from "@canary/crypto";
import { CanaryError } from "@canary/primitives";
import { CanaryNode } from "../service/canaryNode.ts";
import { BUILT_IN_CHAINS } from "../service/chainSpec.ts";
import { collectGarbage } from "../service/gc.ts";
import { createLogger, type Level } from "../service/logger.ts";
import { elect } from "./elect.ts";
import { CliError } from "./errors.ts";
import { network } from "./network.ts";
import { parseNodeKey } from "./nodeKeyFlag.ts";
import { parseRpcLimits, RPC_LIMIT_OPTIONS, RPC_LIMIT_USAGE } from "./rpcFlags.ts";
import { buildSpec, exportBlocks, importBlocks, key, parseBlockTime, purgeChain } from "./subcommands.ts";

const USAGE = `Usage: canary [options]
       canary build-spec [--chain <chain>] [--block-time <ms>] [--epoch-duration <slots>] [--claims <file>] [--raw] > spec.json
       canary purge-chain --base-path <dir> [--chain dev|local] -y
       canary key generate|inspect <suri> [--scheme sr25519|ed25519|ecdsa]
       canary key insert --base-path <dir> [--chain <chain>] --suri <suri> --key-type babe|gran [--scheme <scheme>]
       canary key generate-node-key | inspect-node-key <secret>
       canary export-blocks --base-path <dir> [--from n] [--to n] <file>
       canary import-blocks --base-path <dir> <file>
       canary elect --input case.json [--algorithm seq-phragmen|phragmms] [--balancing N]
       canary network [--validators 4] [--nodes 1] [--block-time <ms>] [--epoch-duration <slots>] [--base-path <dir>] [--rpc-port 9944] [--port 30333]

  --dev                   a development chain: --chain dev --tmp --validator, with instant finality
  --chain <chain>         dev, local, canary (the launch: docs/launch.md), or a chain spec file
                          from build-spec (default: dev)
  --base-path <dir>       where the chain's data lives
  --tmp                   a temporary base path, deleted at shutdown
  --name <name>           the node's name
  --validator             author blocks with an authority's key from the keystore
  --alice, --bob, …       put that dev key in the keystore and author with it (implies --validator;
                          also --charlie, --dave, --eve, --ferdie)
  --block-time <ms>       the slot length of --dev or --chain local, in their genesis (default 6000);
                          a chain spec file has its own (build-spec --block-time writes it)
  --instant-seal          author a block as soon as a transaction arrives
  --rpc-port <port>       JSON-RPC over WebSocket and HTTP (default 9944)
  --rpc-methods <policy>  safe, unsafe or auto (default auto: unsafe only on localhost)
  --rpc-cors <origins>    comma-separated origins allowed from browsers, or "all"
  --rpc-external          serve JSON-RPC on every interface (safe methods only, unless told)
  --unsafe-rpc-external   the same, with every method: only behind a firewall you trust
  --port <port>           p2p TCP port, on every interface (default 30333)
  --listen-addr <addr>    p2p multiaddr to listen on instead, e.g. /ip4/127.0.0.1/tcp/30333 (repeatable)
  --bootnodes <addr>      a peer to connect to, /ip4/…/tcp/…/p2p/<peer id> (repeatable)
  --reserved-nodes <addr> a peer to keep connected, outside the peer limits (repeatable)
  --reserved-only         connect to reserved nodes only, and accept no one else
  --in-peers <n>          inbound peers to accept (default 32)
  --out-peers <n>         outbound peers to keep (default 8)
  --no-discovery          do not look for peers with Kademlia (/<genesis>/kad)
  --node-key <hex>        the node's ed25519 network secret (default: kept in the base path)
  --prometheus-port <p>   Prometheus metrics at http://127.0.0.1:<p>/metrics (default 9615)
  --no-prometheus         do not serve metrics
  --prometheus-external   serve metrics on every interface
  --state-pruning <n>     finalized states to keep (default 256), or "archive" to keep all
  --log <level>           error, warn, info or debug (default info)
  -h, --help              this text

JSON-RPC limits (docs/operations.md):
${RPC_LIMIT_USAGE}`;

export function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dev: { type: "boolean" },
      chain: { type: "string" },
      "base-path": { type: "string" },
      tmp: { type: "boolean" },
      name: { type: "string" },
      validator: { type: "boolean" },
      ...Object.fromEntries(DEV_ACCOUNT_NAMES.map((n) => [n.toLowerCase(), { type: "boolean" as const }])),
      "block-time": { type: "string" },
      "instant-seal": { type: "boolean" },
      log: { type: "string" },
      "rpc-port": { type: "string" },
      "rpc-methods": { type: "string" },
      "rpc-cors": { type: "string" },
      "rpc-external": { type: "boolean" },
      "unsafe-rpc-external": { type: "boolean" },
      "prometheus-external": { type: "boolean" },
      port: { type: "string" },
      "listen-addr": { type: "string", multiple: true },
      bootnodes: { type: "string", multiple: true },
      "reserved-nodes": { type: "string", multiple: true },
      "reserved-only": { type: "boolean" },
      "in-peers": { type: "string" },
      "out-peers": { type: "string" },
      "no-discovery": { type: "boolean" },
      "node-key": { type: "string" },
      "prometheus-port": { type: "string" },
      "no-prometheus": { type: "boolean" },
      "state-pruning": { type: "string" },
      ...RPC_LIMIT_OPTIONS,
      help: { type: "boolean", short: "h" },
    },
  });
  const blockTime = parseBlockTime(values["block-time"]);
  const level = values.log ?? "info";
  if (!["error", "warn", "info", "debug"].includes(level)) {
    throw new CliError("CLI_BAD_FLAG", `--log must be error, warn, info or debug, got ${level}`);
  }
  const rpcPort = values["rpc-port"] === undefined ? undefined : Number(values["rpc-port"]);
  if (rpcPort !== undefined && (!Number.isInteger(rpcPort) || rpcPort < 0 || rpcPort > 65535)) {
    throw new CliError("CLI_BAD_FLAG", `--rpc-port must be a port number, got ${values["rpc-port"]}`);
  }
  const rpcMethods = (values["rpc-methods"] ?? "auto") as "safe" | "unsafe" | "auto";
  if (!["safe", "unsafe", "auto"].includes(rpcMethods)) {
    throw new CliError("CLI_BAD_FLAG", `--rpc-methods must be safe, unsafe or auto, got ${rpcMethods}`);
  }
  const cors = values["rpc-cors"];
  const rpcCors =
    cors === undefined ? undefined : cors === "all" ? ("all" as const) : cors.split(",").map((o) => o.trim());
  const promPort = values["prometheus-port"] === undefined ? undefined : Number(values["prometheus-port"]);
  if (promPort !== undefined && (!Number.isInteger(promPort) || promPort < 0 || promPort > 65535)) {
    throw new CliError(
      "CLI_BAD_FLAG",
      `--prometheus-port must be a port number, got ${values["prometheus-port"]}`,
    );
  }
  const port = values.port === undefined ? 30333 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError("CLI_BAD_FLAG", `--port must be a port number, got ${values.port}`);
  }
  // Substrate listens on every interface unless told where; --port is then ignored.
  const listenAddrs = values["listen-addr"] ?? [`/ip4/0.0.0.0/tcp/${port}`, `/ip6/::/tcp/${port}`];
  for (const addr of [...listenAddrs, ...(values.bootnodes ?? []), ...(values["reserved-nodes"] ?? [])]) {
    if (!addr.startsWith("/")) {
      throw new CliError("CLI_BAD_FLAG", `"${addr}" is not a multiaddr (like /ip4/127.0.0.1/tcp/30333)`);
    }
  }
  const peers = (flag: "in-peers" | "out-peers"): number | undefined => {
    const given = values[flag];
    if (given === undefined) return undefined;
    const n = Number(given);
    if (!/^\d+$/.test(given) || n > 10_000) {
      throw new CliError("CLI_BAD_FLAG", `--${flag} must be a number of peers from 0 to 10000, got ${given}`);
    }
    return n;
  };
  const pruning = values["state-pruning"];
  const statePruning = pruning === undefined || pruning === "archive" ? pruning : Number(pruning);
  if (typeof statePruning === "number" && (!Number.isInteger(statePruning) || statePruning < 1)) {
    throw new CliError(
      "CLI_BAD_FLAG",
      `--state-pruning must be a number of blocks ≥ 1 or "archive", got ${pruning}`,
    );
  }
  const dev = values.dev ?? false;
  const named = DEV_ACCOUNT_NAMES.filter(
    (n) => (values as Record<string, unknown>)[n.toLowerCase()] === true,
  );
  if (named.length > 1) throw new CliError("CLI_BAD_FLAG", `pick one dev key, not ${named.join(" and ")}`);
  // --dev implies --alice, as Substrate's.
  const devKey = named[0] ?? (dev ? ("Alice" as const) : undefined);
  return {
    help: values.help ?? false,
    level: level as Level,
    config: {
      chain: values.chain ?? "dev",
      basePath: values["base-path"],
      tmp: values.tmp ?? (dev && values["base-path"] === undefined),
      name: values.name,
      validator: values.validator ?? (dev || devKey !== undefined),
      devKey,
      blockTimeMs: blockTime,
      instantSeal: values["instant-seal"] ?? false,
      rpcPort,
      // Substrate's rule: an external server offers the safe methods unless told otherwise.
      rpcMethods: values["unsafe-rpc-external"] ? ("unsafe" as const) : rpcMethods,
      rpcHost: values["rpc-external"] || values["unsafe-rpc-external"] ? "0.0.0.0" : undefined,
      prometheusHost: values["prometheus-external"] ? "0.0.0.0" : undefined,
      rpcCors,
      prometheusPort: values["no-prometheus"] ? null : promPort,
      listenAddrs,
      bootnodes: values.bootnodes,
      reservedNodes: values["reserved-nodes"],
      reservedOnly: values["reserved-only"],
      inPeers: peers("in-peers"),
      outPeers: peers("out-peers"),
      discovery: values["no-discovery"] ? false : undefined,
      nodeKey: values["node-key"] === undefined ? undefined : parseNodeKey(values["node-key"]),
      statePruning: statePruning as number | "archive" | undefined,
      rpcLimits: parseRpcLimits(values as Record<string, unknown>),
    },
  };
}

const SUBCOMMANDS: Record<string, (args: string[], out: (line: string) => void) => unknown> = {
  "build-spec": buildSpec,
  "purge-chain": purgeChain,
  key,
  "export-blocks": exportBlocks,
  "import-blocks": importBlocks,
  elect,
  network,
};

/** Whether a base path holds a chain's database already (a restart, not a first start). */
function holdsDatabase(basePath: string | undefined): boolean {
  const chains = basePath === undefined ? undefined : join(basePath, "chains");
  if (chains === undefined || !existsSync(chains)) return false;
  try {
    return readdirSync(chains).some((id) => existsSync(join(chains, id, "db")));
  } catch {
    return false; // not a directory, unreadable: the node's start says what is wrong with it
  }
}

async function command(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2);
  const sub = first !== undefined && Object.hasOwn(SUBCOMMANDS, first) ? SUBCOMMANDS[first] : undefined;
  if (sub) {
    await sub(rest, (line) => console.log(line));
    return;
  }
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const logger = createLogger(parsed.level);
  // What loading the modules left behind, before genesis adds to it; compacted (pages given back)
  // for a built-in chain or a database already there. Compacting before building a chain spec
  // file's genesis (possibly large) made the build's peak higher instead: 350 → 390 MiB for
  // 100,000 accounts, as V8 then grew the heap anew.
  const { chain, basePath } = parsed.config;
  collectGarbage({ compact: BUILT_IN_CHAINS.includes(chain) || holdsDatabase(basePath) });
  // A database found damaged while running stops the node; the command then exits with 1.
  const node = await CanaryNode.start({ ...parsed.config, logger, onFatal: () => process.exit(1) });
  collectGarbage({ compact: true }); // what starting left behind (genesis, the runtime's first calls)
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`Received ${signal}, shutting down`);
    node.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error(`shutdown failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/** Runs the command line; errors are printed and exit with 1. `entry.ts` calls it (or running this file). */
export function main(): Promise<void> {
  return command().catch((e: unknown) => {
    console.error(e instanceof CanaryError ? `Error: ${e.message}` : e);
    process.exit(1);
  });
}

if (import.meta.main) await main();
