// Issue 15: a validator (`canary --dev`, 1-second slots) under each RPC flood of the issue for
// 10 seconds: its peak RSS and RSS after the flood, the slots it missed, and the longest a fresh
// client waited for `system_health`. `--root <checkout>` runs another checkout's node (the
// figures before the hardening, in docs/performance.md, came from the parent commit);
// `--label <name>` names the results file; `--only <scenario>` runs one scenario.
import { parseArgs } from "node:util";
import { REPO_ROOT } from "@canary/bundler";
import {
  type Flood,
  freshClientLatency,
  hugeHexFlood,
  metadataBatchFlood,
  missedSlots,
  nonReadingFlood,
  rssMib,
  subscriptionFlood,
  watchSlots,
} from "../test/support/flood.ts";
import { spawnNode } from "../test/support/spawnNode.ts";
import { until } from "../test/support/until.ts";
import { type BenchRow, report } from "./report.ts";

const { values } = parseArgs({
  options: {
    root: { type: "string" },
    label: { type: "string" },
    only: { type: "string" },
    seconds: { type: "string" },
  },
});
const root = values.root ?? REPO_ROOT;
const FLOOD_MS = Number(values.seconds ?? 10) * 1000;

const SCENARIOS: Record<string, (port: number) => Promise<Flood[]>> = {
  // The issue's 10 connections × 1,024 subscriptions × 200 keys.
  subscriptions: async (port) => [
    await subscriptionFlood(port, { connections: 10, subscriptions: 1024, keysEach: 200 }),
  ],
  "non-reading client": async (port) => [await nonReadingFlood(port)],
  // Four connections, each sending a batch of 1,000 state_getMetadata calls as soon as the last is answered.
  "metadata batches": async (port) => [await metadataBatchFlood(port, { connections: 4, batch: 1000 })],
  "10 MB hex parameters": async (port) => [await hugeHexFlood(port)],
  all: async (port) => [
    await subscriptionFlood(port, { connections: 3, subscriptions: 400, keysEach: 200 }),
    await metadataBatchFlood(port, { connections: 2, batch: 1000 }),
    await nonReadingFlood(port),
    await hugeHexFlood(port),
  ],
};

const rows: BenchRow[] = [];
for (const [name, start] of Object.entries(SCENARIOS)) {
  if (values.only && values.only !== name) continue;
  const node = await spawnNode(
    ["--dev", "--block-time", "1000", "--rpc-port", "0", "--no-prometheus"],
    60_000,
    root,
  );
  const { port, proc } = node;
  const pid = proc.pid!;
  try {
    const slots = await watchSlots(port);
    await until("two blocks", () => slots.heads.length >= 2, 15_000);
    const idle = rssMib(pid);
    const setupStart = Date.now();
    const floods = await start(port);
    // The window starts once the flood is under way (opening its connections can take long on a
    // node that is already stalled by its first requests).
    const setupMs = Date.now() - setupStart;
    const floodStart = Date.now();
    let peak = idle;
    let worstLatency = 0;
    let exited = false;
    proc.once("exit", () => (exited = true));
    // Stopped early past 4 GiB: the machine is shared (the node before the hardening got there).
    while (Date.now() - floodStart < FLOOD_MS && !exited && peak < 4096) {
      worstLatency = Math.max(worstLatency, await freshClientLatency(port, 5_000));
      if (!exited) peak = Math.max(peak, rssMib(pid));
      await new Promise((r) => setTimeout(r, 250));
    }
    const elapsed = Date.now() - floodStart;
    for (const f of floods) f.stop();
    const during = slots.heads.filter((h) => h.at >= floodStart && h.at <= floodStart + elapsed);
    // Slots missed: gaps between blocks in the window, and slots at its ends with no block.
    const first = during[0];
    const last = during.at(-1);
    const expected = Math.floor(elapsed / 1000);
    const missed =
      first && last
        ? missedSlots(during) + Math.max(0, expected - (Number(last.slot - first.slot) + 1))
        : expected;
    await new Promise((r) => setTimeout(r, 2_000));
    const after = exited ? Number.NaN : rssMib(pid);
    slots.stop();
    rows.push(
      {
        name: `${name}: RSS idle / peak / 2 s after`,
        value: peak,
        unit: "MiB",
        note: `${idle.toFixed(0)} / ${peak.toFixed(0)} / ${exited ? "died" : after.toFixed(0)}; the flood took ${(setupMs / 1000).toFixed(1)} s to start`,
      },
      {
        name: `${name}: slots missed of ${expected}`,
        value: missed,
        unit: "slots",
        note: `${during.length} blocks in the window`,
      },
      {
        name: `${name}: fresh client's longest wait`,
        value: worstLatency,
        unit: "ms",
        note: exited
          ? "the node died"
          : worstLatency === Number.POSITIVE_INFINITY
            ? "no answer within 5 s"
            : undefined,
      },
    );
    // After each scenario, so that a slow one loses nothing.
    report(`rpcFlood${values.label ? `-${values.label}` : ""}`, rows);
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGINT");
      const late = new Promise((r) => setTimeout(r, 5_000, "late"));
      if ((await Promise.race([gone, late])) === "late") proc.kill("SIGKILL");
    }
  }
}
