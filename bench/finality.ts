// Finality and propagation on a real network: four validators of `--chain local` as separate
// processes on 127.0.0.1 with short slots. For each of BLOCKS blocks: how far finality is behind
// the best block when it arrives (in blocks), and how long the block takes to reach all four nodes
// after the first has it. `node bench/finality.ts [blocks] [nodes]` (default 200 blocks, 4 nodes;
// with more nodes, the four validators are joined by full nodes that find them through Kademlia).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { WebSocket } from "ws";
import { SPEC_BUFFER, type SpawnedNode, spawnNode } from "../test/support/spawnNode.ts";
import { type BenchRow, report } from "./report.ts";

const BLOCKS = Number(process.argv[2] ?? 200);
const NODES = Number(process.argv[3] ?? 4);
// Sixteen processes on two cores need longer slots to keep up.
const SLOT_MS = NODES > 4 ? 1_000 : 500;
const dir = mkdtempSync(join(tmpdir(), "canary-bench-fin-"));
const spec = execFileSync(
  process.execPath,
  [
    join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
    "build-spec",
    "--chain",
    "local",
    "--block-time",
    String(SLOT_MS),
    "--raw",
  ],
  { encoding: "utf8", maxBuffer: SPEC_BUFFER },
);
writeFileSync(join(dir, "local.json"), spec);
const common = ["--chain", join(dir, "local.json"), "--rpc-port", "0", "--no-prometheus"];

const nodes: SpawnedNode[] = [];
const names = [
  "alice",
  "bob",
  "charlie",
  "dave",
  ...Array.from({ length: NODES - 4 }, (_, i) => `full${i + 1}`),
];
for (const [i, name] of names.entries()) {
  const boot =
    i === 0 ? [] : ["--bootnodes", /👂 Listening for peers on (\S+)/.exec(nodes[0]!.output.join(""))![1]!];
  const key = i < 4 ? [`--${name}`] : [];
  nodes.push(await spawnNode([...common, "--base-path", join(dir, name), ...key, ...boot]));
}

/** First time each node saw each block number on its best chain, and finality as Alice saw it. */
const seen = nodes.map(() => new Map<number, number>());
let finalized = 0;
const lags: number[] = [];
const sockets = nodes.map((node, i) => {
  const ws = new WebSocket(`ws://127.0.0.1:${node.port}`);
  ws.on("open", () => {
    ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chain_subscribeNewHeads", params: [] }));
    if (i === 0)
      ws.send(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "chain_subscribeFinalizedHeads", params: [] }));
  });
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { method?: string; params?: { result: { number: string } } };
    if (!msg.params) return;
    const n = Number.parseInt(msg.params.result.number, 16);
    if (msg.method === "chain_finalizedHead") finalized = Math.max(finalized, n);
    else if (msg.method === "chain_newHead" && !seen[i]!.has(n)) {
      seen[i]!.set(n, performance.now());
      if (i === 0 && n > 5) lags.push(n - finalized);
    }
  });
  return ws;
});

const started = performance.now();
while (lags.length < BLOCKS && performance.now() - started < BLOCKS * SLOT_MS * 6) {
  await new Promise((r) => setTimeout(r, 200));
}
const spreads: number[] = [];
for (const [n, first] of seen[0]!) {
  const times = seen.map((s) => s.get(n));
  if (n <= 5 || times.some((t) => t === undefined)) continue;
  spreads.push(Math.max(...(times as number[])) - Math.min(first, ...(times as number[])));
}
for (const ws of sockets) ws.close();
for (const node of nodes) await node.stop();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const rows: BenchRow[] = [
  {
    name: "blocks measured",
    value: lags.length,
    unit: "blocks",
    note: `4 validators and ${NODES - 4} full nodes, ${SLOT_MS} ms slots`,
  },
  { name: "finality lag, median", value: median(lags), unit: "blocks" },
  { name: "finality lag, maximum", value: Math.max(...lags), unit: "blocks" },
  { name: `block to all ${NODES} nodes, median`, value: median(spreads), unit: "ms" },
  { name: `block to all ${NODES} nodes, maximum`, value: Math.max(...spreads), unit: "ms" },
  {
    name: "blocks per slot",
    value: lags.length / ((performance.now() - started) / SLOT_MS),
    unit: "",
    note: "secondary claims fill slots without a primary",
  },
];
report(NODES === 4 ? "finality" : `finality-${NODES}`, rows);
