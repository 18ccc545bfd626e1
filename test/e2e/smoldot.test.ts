/**
 * An independent light client verifies Canary (issue 11): smoldot 3.4 takes the chain spec that
 * `build-spec --raw` writes, builds its genesis chain information by running BabeApi and
 * GrandpaApi in the runtime envelope's Wasm, syncs a `--dev` node's blocks over libp2p (checking
 * their BABE claims and seals), and follows GRANDPA finality from its commits.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@canary/bundler";
import { createClient } from "polkadot-api";
import { getSmProvider } from "polkadot-api/sm-provider";
import { start } from "smoldot";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../support/devAccounts.ts";
import { SPEC_BUFFER, type SpawnedNode, spawnNode } from "../support/spawnNode.ts";

const NODE_KEY = `0x${"00".repeat(31)}01`;
const PEER_ID = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
let node: SpawnedNode | undefined;
const client = start({
  maxLogLevel: 2,
  logCallback: (level, target, message) => logs.push(`[${level}] ${target}: ${message}`),
});
const logs: string[] = [];

afterAll(async () => {
  await client.terminate().catch(() => {});
  await node?.stop();
});

describe("smoldot against canary --dev", () => {
  it("accepts the chain spec, syncs BABE blocks and finalizes with GRANDPA", async () => {
    node = await spawnNode([
      "--dev",
      "--rpc-port",
      "0",
      "--no-prometheus",
      "--block-time",
      "1000",
      "--node-key",
      NODE_KEY,
    ]);
    const listening = /👂 Listening for peers on (\S+)/.exec(node.output.join(""))![1]!;
    expect(listening.endsWith(PEER_ID)).toBe(true);
    const spec = JSON.parse(
      execFileSync(
        process.execPath,
        [
          join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
          "build-spec",
          "--chain",
          "dev",
          "--block-time",
          "1000",
          "--raw",
        ],
        {
          encoding: "utf8",
          maxBuffer: SPEC_BUFFER,
        },
      ),
    ) as Record<string, unknown>;
    spec.bootNodes = [listening];
    const chain = await client.addChain({ chainSpec: JSON.stringify(spec) });
    chain.sendJsonRpc(
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chainHead_v1_follow", params: [false] }),
    );
    const finalized: string[] = [];
    const deadline = Date.now() + 60_000;
    while (finalized.length < 3 && Date.now() < deadline) {
      const message = JSON.parse(await chain.nextJsonRpcResponse()) as {
        params?: { result?: { event: string; finalizedBlockHashes?: string[] } };
      };
      const event = message.params?.result;
      // Under load smoldot may have finalized the first blocks before the subscription starts:
      // then they come in its `initialized` event.
      if (event?.event === "initialized" || event?.event === "finalized")
        finalized.push(...(event.finalizedBlockHashes ?? []));
      expect(event?.event).not.toBe("stop");
    }
    expect(finalized.length, logs.join("\n")).toBeGreaterThanOrEqual(3);
    // The node finalized the same blocks. Which ones smoldot reports depends on when its
    // subscription starts (under load, `initialized` may hold only the latest), so each reported
    // hash is checked against the node's chain at its height, and the node's finalized head must
    // be at least as high as the last one.
    const rpc = async (method: string, params: unknown[]) => {
      const res = await fetch(`http://127.0.0.1:${node!.port}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      return ((await res.json()) as { result: unknown }).result;
    };
    let highest = 0;
    for (const hash of finalized) {
      const header = (await rpc("chain_getHeader", [hash])) as { number: string } | null;
      expect(header, `node does not know ${hash}`).not.toBeNull();
      const number = Number(header!.number);
      expect(await rpc("chain_getBlockHash", [number])).toBe(hash);
      highest = Math.max(highest, number);
    }
    expect(highest).toBeGreaterThanOrEqual(1);
    const head = (await rpc("chain_getHeader", [await rpc("chain_getFinalizedHead", [])])) as {
      number: string;
    };
    expect(Number(head.number)).toBeGreaterThanOrEqual(highest);
    expect(logs.filter((l) => /error|BadBlockAnnounce|protocol-error/i.test(l))).toEqual([]);
  }, 90_000);

  it("serves polkadot-api through smoldot: System.Account of a dev account at the finalized block", async () => {
    const spec = JSON.parse(
      execFileSync(
        process.execPath,
        [
          join(REPO_ROOT, "packages/node/src/cli/canary.ts"),
          "build-spec",
          "--chain",
          "dev",
          "--block-time",
          "1000",
          "--raw",
        ],
        { encoding: "utf8", maxBuffer: SPEC_BUFFER },
      ),
    ) as Record<string, unknown>;
    spec.bootNodes = [/👂 Listening for peers on (\S+)/.exec(node!.output.join(""))![1]!];
    const papi = createClient(getSmProvider(() => client.addChain({ chainSpec: JSON.stringify(spec) })));
    try {
      // Metadata comes from the runtime envelope's Wasm (a constant baked at build), storage from light/2 proofs.
      const account = (await papi
        .getUnsafeApi()
        .query.System!.Account!.getValue(DEV_ACCOUNT_IDS.Alice.ss58Generic, {
          at: "finalized",
        })) as { data: { free: bigint } };
      expect(account.data.free).toBeGreaterThan(0n);
    } finally {
      papi.destroy();
    }
  }, 90_000);
});
