/**
 * `canary network`: a whole local network in one command. It writes one chain spec (the `local`
 * chain with the first `--validators` of Alice, Bob, Charlie and Dave as its validators; raw, as
 * light clients take it, with the boot node's address in it), starts
 * each validator and `--nodes` full nodes as `canary` processes on 127.0.0.1 with their own keys,
 * ports and base paths, logs each to `<base>/<name>.log`, prints every node's endpoints, shows a
 * status line (best, finalized, peers per node), and stops every node it started on Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CliError } from "./errors.ts";
import { buildSpec } from "./subcommands.ts";

const VALIDATORS = ["Alice", "Bob", "Charlie", "Dave"] as const;
/** The first node's network key: its peer id is known before it starts, so the others can dial it. */
const BOOT_KEY = `0x${"00".repeat(31)}01`;
const BOOT_PEER_ID = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
const CLI = join(import.meta.dirname, "canary.ts");

type Out = (line: string) => void;

interface Member {
  name: string;
  validator: boolean;
  rpcPort: number;
  proc: ChildProcess;
}

function count(value: string | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new CliError(
      "CLI_BAD_FLAG",
      `--${what} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  return n;
}

/** Starts the network; resolves once every node has stopped (Ctrl-C, or one of them failing). */
export async function network(args: string[], out: Out, signal?: AbortSignal): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      validators: { type: "string" },
      nodes: { type: "string" },
      "base-path": { type: "string" },
      "block-time": { type: "string" },
      "epoch-duration": { type: "string" },
      "rpc-port": { type: "string" },
      port: { type: "string" },
      "status-interval": { type: "string" },
    },
  });
  const validators = count(values.validators, 4, 1, VALIDATORS.length, "validators");
  const fullNodes = count(values.nodes, 1, 0, 16, "nodes");
  const blockTime = count(values["block-time"], 6_000, 100, 60_000, "block-time");
  const epochDuration = count(values["epoch-duration"], 600, 1, 1_000_000, "epoch-duration");
  const rpcPort = count(values["rpc-port"], 9944, 1, 65_000, "rpc-port");
  const p2pPort = count(values.port, 30333, 1, 65_000, "port");
  const statusMs = count(values["status-interval"], 5_000, 100, 600_000, "status-interval");
  const temporary = values["base-path"] === undefined;
  const base = values["base-path"] ?? mkdtempSync(join(tmpdir(), "canary-network-"));
  mkdirSync(base, { recursive: true });

  // The local chain's spec with the chosen validators' session keys only.
  const lines: string[] = [];
  await buildSpec(
    ["--chain", "local", "--block-time", String(blockTime), "--epoch-duration", String(epochDuration)],
    (line) => lines.push(line),
  );
  const spec = JSON.parse(lines.join("\n")) as {
    genesis: { runtimeGenesis: { patch: { session: { keys: unknown[] } } } };
  };
  const session = spec.genesis.runtimeGenesis.patch.session;
  session.keys = session.keys.slice(0, validators);
  // Everyone (light clients too) finds the network through the first node.
  const boot = `/ip4/127.0.0.1/tcp/${p2pPort}/p2p/${BOOT_PEER_ID}`;
  (spec as { bootNodes?: string[] }).bootNodes = [boot];
  const plainFile = join(base, "chain-spec-plain.json");
  writeFileSync(plainFile, JSON.stringify(spec, null, 2));
  // The raw spec (genesis storage) is what the nodes run and what light clients take.
  const raw: string[] = [];
  await buildSpec(["--chain", plainFile, "--raw"], (line) => raw.push(line));
  const specFile = join(base, "chain-spec.json");
  writeFileSync(specFile, raw.join("\n"));

  const names = [
    ...VALIDATORS.slice(0, validators).map((n) => ({ name: n.toLowerCase(), validator: true })),
    ...Array.from({ length: fullNodes }, (_, i) => ({ name: `node${i + 1}`, validator: false })),
  ];
  const members: Member[] = names.map(({ name, validator }, i) => {
    const port = p2pPort + i;
    const nodeArgs = [
      CLI,
      "--chain",
      specFile,
      "--base-path",
      join(base, name),
      "--name",
      name,
      "--listen-addr",
      `/ip4/127.0.0.1/tcp/${port}`,
      "--rpc-port",
      String(rpcPort + i),
      "--no-prometheus",
      ...(validator ? [`--${name}`] : []),
      ...(i === 0 ? ["--node-key", BOOT_KEY] : []),
    ];
    const proc = spawn(process.execPath, nodeArgs, { stdio: ["ignore", "pipe", "pipe"] });
    const log = createWriteStream(join(base, `${name}.log`));
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    return { name, validator, rpcPort: rpcPort + i, proc };
  });

  out(`🐤 Canary local network: ${validators} validators, ${fullNodes} full nodes, slots of ${blockTime} ms`);
  out(`   chain spec ${specFile}; logs in ${base}/<name>.log`);
  for (const m of members) {
    const ws = `ws://127.0.0.1:${m.rpcPort}`;
    out(
      `   ${m.name.padEnd(8)} ${m.validator ? "validator" : "full node"}  ${ws}  https://polkadot.js.org/apps/?rpc=${encodeURIComponent(ws)}`,
    );
  }

  let stopping = false;
  let failed = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const m of members) if (m.proc.exitCode === null) m.proc.kill("SIGINT");
  };
  signal?.addEventListener("abort", stop);
  const onSignal = () => stop();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const exited = members.map(
    (m) =>
      new Promise<void>((resolve) => {
        m.proc.on("exit", (code) => {
          if (!stopping) {
            failed = true;
            out(
              `⛔ ${m.name} exited with code ${code}: see ${join(base, `${m.name}.log`)}; stopping the others`,
            );
            stop();
          }
          resolve();
        });
      }),
  );
  const timer = setInterval(() => void status(members, out), statusMs);
  await Promise.all(exited);
  clearInterval(timer);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  out(`Stopped ${members.length} nodes`);
  if (temporary) rmSync(base, { recursive: true, force: true });
  if (failed) throw new CliError("CLI_BAD_INPUT", "a node of the network failed");
}

/** One line: each node's best and finalized block and its peers. */
async function status(members: Member[], out: Out): Promise<void> {
  const call = async <T>(port: number, method: string, params: unknown[] = []): Promise<T | undefined> => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        signal: AbortSignal.timeout(2_000),
      });
      return ((await res.json()) as { result: T }).result;
    } catch {
      return undefined;
    }
  };
  const parts = await Promise.all(
    members.map(async (m) => {
      const best = await call<{ number: string }>(m.rpcPort, "chain_getHeader");
      const head = await call<string>(m.rpcPort, "chain_getFinalizedHead");
      const fin = head ? await call<{ number: string }>(m.rpcPort, "chain_getHeader", [head]) : undefined;
      const health = await call<{ peers: number }>(m.rpcPort, "system_health");
      if (!best || !fin || !health) return `${m.name} starting`;
      return `${m.name} #${Number.parseInt(best.number, 16)}/#${Number.parseInt(fin.number, 16)} ${health.peers}p`;
    }),
  );
  out(`📊 best/finalized, peers: ${parts.join(" | ")}`);
}
