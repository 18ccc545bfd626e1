// Light clients against Canary. smoldot: time from `addChain` to the first finalized block it
// reports, on a fresh 4-validator network (`--chain local`, separate processes, 500 ms slots) and on
// a `--dev` chain OLD blocks old (100 ms slots), which smoldot reaches by warp sync (`sync/warp`,
// then `light/2` proofs of the runtime and its BABE epochs). Serving: `light/2` read proofs per
// second for 1 and 100 keys, between two nodes over TCP. `node bench/lightClient.ts [old]` (default 1000).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { start } from "smoldot";
import { CanaryNode } from "../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../packages/node/src/service/logger.ts";
import { SPEC_BUFFER, type SpawnedNode, spawnNode } from "../test/support/spawnNode.ts";
import { type BenchRow, report } from "./report.ts";

const OLD = Number(process.argv[2] ?? 1_000);
const CLI = join(REPO_ROOT, "packages/node/src/cli/canary.ts");
const dir = mkdtempSync(join(tmpdir(), "canary-bench-light-"));
const rows: BenchRow[] = [];

const listening = (node: SpawnedNode) => /👂 Listening for peers on (\S+)/.exec(node.output.join(""))![1]!;

async function rpc<T>(node: SpawnedNode, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${node.port}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: T }).result;
}

const finalizedNumber = async (node: SpawnedNode) =>
  Number(
    (await rpc<{ number: string }>(node, "chain_getHeader", [await rpc(node, "chain_getFinalizedHead")]))
      .number,
  );

async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function rawSpec(args: string[], bootNode: string): string {
  const spec = JSON.parse(
    execFileSync(process.execPath, [CLI, "build-spec", ...args, "--raw"], {
      encoding: "utf8",
      maxBuffer: SPEC_BUFFER,
    }),
  );
  spec.bootNodes = [bootNode];
  return JSON.stringify(spec);
}

/** Milliseconds from addChain to smoldot's first finalized block after genesis, and that block's number. */
async function firstFinality(chainSpec: string, node: SpawnedNode): Promise<{ ms: number; number: number }> {
  const client = start({ maxLogLevel: 1 });
  try {
    const started = performance.now();
    const chain = await client.addChain({ chainSpec });
    chain.sendJsonRpc(
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chainHead_v1_follow", params: [false] }),
    );
    const genesis = await rpc<string>(node, "chain_getBlockHash", [0]);
    for (;;) {
      const event = (
        JSON.parse(await chain.nextJsonRpcResponse()) as {
          params?: { result?: { event: string; finalizedBlockHashes?: string[] } };
        }
      ).params?.result;
      if (event?.event === "stop") throw new Error("smoldot stopped following");
      const past = (event?.finalizedBlockHashes ?? []).filter((h) => h !== genesis);
      if (past.length === 0) continue;
      const ms = performance.now() - started;
      // The node may import the block a moment after smoldot has it from another validator.
      let header: { number: string } | null = null;
      await waitFor(
        `the node to know smoldot's block ${past.at(-1)} (${event?.event}; node genesis ${genesis})`,
        async () => {
          header = await rpc<{ number: string } | null>(node, "chain_getHeader", [past.at(-1)]);
          return header !== null;
        },
        10_000,
      );
      const number = Number((header as { number: string } | null)!.number);
      return { ms, number };
    }
  } finally {
    await client.terminate().catch(() => {});
  }
}

// --- a fresh 4-validator network ---
{
  const SLOT = 500;
  const specFile = join(dir, "local.json");
  writeFileSync(
    specFile,
    execFileSync(
      process.execPath,
      [CLI, "build-spec", "--chain", "local", "--block-time", String(SLOT), "--raw"],
      {
        encoding: "utf8",
        maxBuffer: SPEC_BUFFER,
      },
    ),
  );
  const nodes: SpawnedNode[] = [];
  for (const [i, name] of ["alice", "bob", "charlie", "dave"].entries()) {
    const boot = i === 0 ? [] : ["--bootnodes", listening(nodes[0]!)];
    const args = [
      "--chain",
      specFile,
      "--base-path",
      join(dir, name),
      `--${name}`,
      "--rpc-port",
      "0",
      "--no-prometheus",
    ];
    nodes.push(await spawnNode([...args, ...boot]));
  }
  await waitFor(
    "the network's first finalized block",
    async () => (await finalizedNumber(nodes[0]!)) >= 1,
    60_000,
  );
  const fresh = await firstFinality(
    rawSpec(["--chain", "local", "--block-time", String(SLOT)], listening(nodes[0]!)),
    nodes[0]!,
  );
  rows.push({
    name: "smoldot: first finality, fresh network",
    value: fresh.ms,
    unit: "ms",
    note: `4 validators, ${SLOT} ms slots; smoldot finalized #${fresh.number}`,
  });
  for (const node of nodes) await node.stop();
}

// --- a chain OLD blocks old: warp sync ---
{
  const SLOT = 100;
  const node = await spawnNode([
    "--dev",
    "--base-path",
    join(dir, "dev"),
    "--block-time",
    String(SLOT),
    "--rpc-port",
    "0",
    "--no-prometheus",
  ]);
  await waitFor(`${OLD} finalized blocks`, async () => (await finalizedNumber(node)) >= OLD, OLD * SLOT * 10);
  const head = await finalizedNumber(node);
  const warped = await firstFinality(
    rawSpec(["--chain", "dev", "--block-time", String(SLOT)], listening(node)),
    node,
  );
  rows.push({
    name: `smoldot: first finality, ${OLD} blocks old`,
    value: warped.ms,
    unit: "ms",
    note: `--dev, ${SLOT} ms slots; the node had finalized #${head}, smoldot's first was #${warped.number} (warp sync)`,
  });
  await node.stop();
}

// --- serving light/2 read proofs ---
{
  const start = (bootnodes: string[], name: string) =>
    CanaryNode.start({
      chain: "dev",
      basePath: join(dir, name),
      rpcPort: 0,
      prometheusPort: null,
      statusIntervalMs: 60_000,
      instantSeal: true,
      bootnodes,
      logger: createLogger("error", () => {}),
    });
  const server = await start([], "server");
  const client = await start([server.network.listenAddresses()[0]!], "client");
  while (client.network.peers().length === 0) await new Promise((r) => setTimeout(r, 50));
  const block = server.chain.genesisHash;
  // The first 100 keys of the genesis state, in trie order.
  const state = server.chain.stateAt(block).overlay;
  const keys: Uint8Array[] = [];
  for (let key = state.nextKey(new Uint8Array()); key && keys.length < 100; key = state.nextKey(key))
    keys.push(key);
  for (const count of [1, 100]) {
    const request = { kind: "read" as const, block, keys: keys.slice(0, count) };
    const IN_FLIGHT = 4;
    const MS = 3_000;
    let done = 0;
    let bytes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() - started < MS) {
          const { proof } = await client.network.lightRequest(server.network.peerId, request);
          bytes += proof.reduce((a, n) => a + n.length, 0);
          done++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    rows.push({
      name: `light/2 read proofs, ${count} key${count === 1 ? "" : "s"}`,
      value: done / seconds,
      unit: "proofs/s",
      note: `${IN_FLIGHT} requests in flight over TCP; ${Math.round(bytes / done)} bytes of proof each`,
    });
  }
  await client.stop();
  await server.stop();
}

rmSync(dir, { recursive: true, force: true });
report("lightClient", rows);
