/**
 * Default child tries in a node's state (issue 13): a raw chain spec's `childrenDefault` puts them
 * into genesis (their roots under `:child_storage:default:…`, their nodes in the database), the
 * node answers `childstate_*` and `state_getChildReadProof` from them, and `build-spec` writes
 * them back out.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initCrypto } from "@canary/crypto";
import { DEFAULT_CHILD_STORAGE_PREFIX, Executor } from "@canary/node";
import { blockHash, concatBytes, encodeUtf8, fromHex, toHex } from "@canary/primitives";
import { verifyProof } from "@canary/trie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpec } from "../../packages/node/src/cli/subcommands.ts";
import { CanaryNode, genesisOf } from "../../packages/node/src/service/canaryNode.ts";
import { loadChainSpec } from "../../packages/node/src/service/chainSpec.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";

const root = mkdtempSync(join(tmpdir(), "canary-child-"));
let node: CanaryNode;
let specFile: string;
const childKey = toHex(encodeUtf8("crowdloan-2000"));
const prefixed = toHex(concatBytes(DEFAULT_CHILD_STORAGE_PREFIX, encodeUtf8("crowdloan-2000")));
const contributions = {
  "0x01": "0x0a",
  "0x0102": "0x0b0c",
  "0x02": `0x${"77".repeat(40)}`,
};

async function specJson(
  args: string[],
): Promise<{ genesis: { raw: Record<string, Record<string, unknown>> } }> {
  const lines: string[] = [];
  await buildSpec(args, (l) => lines.push(l));
  return JSON.parse(lines.join("\n"));
}

async function call(method: string, params: unknown[] = []) {
  const res = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
}

beforeAll(async () => {
  await initCrypto();
  const spec = await specJson(["--chain", "dev", "--raw"]);
  spec.genesis.raw.childrenDefault = { [childKey]: contributions };
  specFile = join(root, "child.json");
  writeFileSync(specFile, JSON.stringify(spec));
  node = await CanaryNode.start({
    chain: specFile,
    tmp: true,
    validator: false,
    rpcPort: 0,
    prometheusPort: null,
    logger: createLogger("error", () => {}),
  });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("default child tries from a raw chain spec", () => {
  it("childstate_* read the child trie's values and keys", async () => {
    expect((await call("childstate_getStorage", [prefixed, "0x0102"])).result).toBe("0x0b0c");
    expect((await call("childstate_getStorageSize", [prefixed, "0x02"])).result).toBe(40);
    expect((await call("childstate_getKeys", [prefixed, "0x01"])).result).toEqual(["0x01", "0x0102"]);
    expect((await call("childstate_getKeysPaged", [prefixed, "0x", 2, "0x01"])).result).toEqual([
      "0x0102",
      "0x02",
    ]);
    expect((await call("childstate_getStorageEntries", [prefixed, ["0x01", "0x03"]])).result).toEqual([
      "0x0a",
      null,
    ]);
    // The top trie holds the child's root under its prefixed key.
    expect((await call("state_getStorage", [prefixed])).result).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("state_getChildReadProof proves the values against the block's state root", async () => {
    const { result } = await call("state_getChildReadProof", [prefixed, ["0x01", "0x02"]]);
    const { proof } = result as { proof: string[] };
    const header = (await call("chain_getHeader")).result as { stateRoot: string };
    const nodes = proof.map(fromHex);
    const [childRoot] = [...verifyProof(fromHex(header.stateRoot), nodes, [fromHex(prefixed)]).values()];
    const values = verifyProof(childRoot!, nodes, [fromHex("0x01"), fromHex("0x02")]);
    expect([...values.values()].map((v) => v && toHex(v))).toEqual(["0x0a", `0x${"77".repeat(40)}`]);
  });

  it("build-spec writes the child trie back to childrenDefault, and the spec starts the same chain", async () => {
    const again = await specJson(["--chain", specFile, "--raw"]);
    expect(again.genesis.raw.childrenDefault).toEqual({ [childKey]: contributions });
    expect(again.genesis.raw.top?.[prefixed]).toBeUndefined();
    const file = join(root, "again.json");
    writeFileSync(file, JSON.stringify(again));
    const genesis = await genesisOf(new Executor(), loadChainSpec(file));
    expect(toHex(blockHash(genesis.header))).toBe(toHex(node.chain.genesisHash));
  });
});
