/**
 * The node's runtime code for a built-in chain is what the sources build now: a changed spec
 * version is served at once, and a build output older than its sources is refused, never run.
 * Each test changes a copy of the sources (test/support/workspaceCopy.ts), never this checkout.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BundlerError, writeBuildOutput } from "@canary/bundler";
import { RuntimeVersionCodec } from "@canary/frame";
import { BlockState, Executor, NodeHost } from "@canary/node";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";
import { afterEach, describe, expect, it } from "vitest";
import {
  RELAY_BUILD_OUTPUT,
  RELAY_ENTRY,
  relayRuntimeCode,
} from "../../packages/node/src/service/runtimeCode.ts";
import { type SpawnedNode, spawnNode } from "../support/spawnNode.ts";
import { copyWorkspace, setRelaySpecVersion, type WorkspaceCopy } from "../support/workspaceCopy.ts";

const copies: WorkspaceCopy[] = [];
const nodes: SpawnedNode[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop();
  for (const c of copies.splice(0)) c.remove();
});

function workspace(): WorkspaceCopy {
  const copy = copyWorkspace();
  copies.push(copy);
  return copy;
}

/** `spec_version` from the code's `Core_version`, as the executor runs it. */
function specVersionOf(code: Uint8Array): number {
  const host = new NodeHost(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT }));
  return RuntimeVersionCodec.dec(new Executor().call(code, "Core_version", new Uint8Array(), host))
    .spec_version;
}

const buildOutput = (copy: WorkspaceCopy) =>
  writeBuildOutput(join(copy.root, RELAY_ENTRY), join(copy.root, RELAY_BUILD_OUTPUT), { root: copy.root });

async function rpc(port: number, method: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

const DEV = ["--dev", "--rpc-port", "0", "--no-prometheus"];

describe("the relay runtime code of a built-in chain", () => {
  it("is built from the current sources, in memory, writing nothing into the tree", async () => {
    const copy = workspace();
    setRelaySpecVersion(copy, 1_234);
    expect(specVersionOf(await relayRuntimeCode({ root: copy.root }))).toBe(1_234);
    expect(existsSync(join(copy.root, "runtimes/relay/dist"))).toBe(false);
  });

  it("comes from a build output whose manifest matches the sources", async () => {
    const copy = workspace();
    setRelaySpecVersion(copy, 1_234);
    const { code } = await buildOutput(copy);
    const served = await relayRuntimeCode({ root: copy.root });
    expect(served).toEqual(code);
    expect(specVersionOf(served)).toBe(1_234);
  });

  it("refuses a build output whose sources changed, saying which and how to rebuild", async () => {
    const copy = workspace();
    await buildOutput(copy);
    setRelaySpecVersion(copy, 1_235);
    const refusal = await relayRuntimeCode({ root: copy.root }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BundlerError);
    expect(refusal).toMatchObject({ code: "RUNTIME_STALE_BUILD" });
    expect((refusal as Error).message).toBe(
      "The runtime build output runtimes/relay/dist/canary_relay_runtime.wasm does not match its sources: " +
        "its sources changed since it was built (changed: runtimes/relay/src/version.ts). " +
        "Run `npm run build:runtime` to rebuild it, or delete it to have the runtime built from its sources.",
    );
  });

  it("acceptance: canary --dev serves a changed spec_version, and refuses a stale build output with its message", async () => {
    const copy = workspace();
    const specVersion = async () => {
      const node = await spawnNode(DEV, 60_000, copy.root);
      nodes.push(node);
      const version = ((await rpc(node.port, "state_getRuntimeVersion")) as { specVersion: number })
        .specVersion;
      await node.stop();
      return version;
    };
    setRelaySpecVersion(copy, 1_236);
    expect(await specVersion()).toBe(1_236);
    expect(existsSync(join(copy.root, "runtimes/relay/dist"))).toBe(false);

    // Built earlier, then the sources changed: refused.
    await buildOutput(copy);
    setRelaySpecVersion(copy, 1_237);
    const failure = await spawnNode(DEV, 60_000, copy.root).then(
      (started) => nodes.push(started),
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/the node exited with 1/);
    expect((failure as Error).message).toContain(
      "Error: The runtime build output runtimes/relay/dist/canary_relay_runtime.wasm does not match its sources",
    );
    expect((failure as Error).message).toContain("Run `npm run build:runtime` to rebuild it");
    // The refused start removed its temporary base path.
    const basePath = /Database: LMDB at (.+)\/chains\//.exec((failure as Error).message)?.[1];
    expect(basePath).toBeDefined();
    expect(existsSync(basePath!)).toBe(false);

    // Doing what the message says: `npm run build:runtime` (its command, from package.json).
    const [command, ...args] = (
      JSON.parse(readFileSync(join(copy.root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts["build:runtime"]!.split(" ");
    expect(command).toBe("node");
    execFileSync(process.execPath, args, { cwd: copy.root });
    expect(await specVersion()).toBe(1_237);
  }, 120_000);
});
