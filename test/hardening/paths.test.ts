/**
 * Issue 15 (5): a chain spec's id names a directory under the base path, so an id like
 * "../../escape" must not let the node, `key insert` or `purge-chain` create or delete anything
 * outside it; `purge-chain` deletes only the files a database is made of.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpec, key, purgeChain } from "../../packages/node/src/cli/subcommands.ts";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { chainPaths } from "../../packages/node/src/service/paths.ts";

const root = mkdtempSync(join(tmpdir(), "canary-paths-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logger = createLogger("error", () => {});

let rawSpec: Record<string, unknown>;
beforeAll(async () => {
  const lines: string[] = [];
  await buildSpec(["--chain", "dev", "--raw"], (l) => lines.push(l));
  rawSpec = JSON.parse(lines.join("\n"));
});

function specFile(name: string, id: string): string {
  const file = join(root, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...rawSpec, id }));
  return file;
}

async function failure(f: () => unknown): Promise<Error & { code?: string }> {
  try {
    await f();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected a failure");
}

describe("paths under the base path", () => {
  it("refuses a chain id that climbs out of the base path, creating nothing anywhere", async () => {
    const dir = join(root, "climb");
    mkdirSync(dir);
    const base = join(dir, "base");
    const spec = specFile("climb", "../../escape");
    const error = await failure(() =>
      CanaryNode.start({ chain: spec, basePath: base, rpcPort: 0, prometheusPort: null, logger }),
    );
    expect(error.code).toBe("NODE_BAD_CHAIN_SPEC");
    expect(error.message).toMatch(/"id" must be 1 to 64 letters, digits, "_" or "-"/);
    expect(readdirSync(dir)).toEqual([]); // no base path, no `escape` beside it
    for (const id of ["a/b", ".", "..", "", "x".repeat(65), "sp ace", "dot.ted"]) {
      expect(() => chainPaths(base, id), id).toThrow(expect.objectContaining({ code: "NODE_BAD_CHAIN_ID" }));
    }
    expect(chainPaths(base, "canary-dev_2").db).toBe(join(base, "chains", "canary-dev_2", "db"));
  });

  it("keeps purge-chain and key insert inside the base path", async () => {
    const dir = join(root, "purge-escape");
    const outsideDb = join(dir, "escape", "db");
    mkdirSync(outsideDb, { recursive: true });
    writeFileSync(join(outsideDb, "data.mdb"), "someone else's");
    const spec = specFile("purge-escape", "../../escape");
    const base = join(dir, "base");
    expect(
      (await failure(() => purgeChain(["--base-path", base, "--chain", spec, "-y"], () => {}))).code,
    ).toBe("NODE_BAD_CHAIN_SPEC");
    const insert = ["insert", "--base-path", base, "--chain", spec, "--suri", "//Bob", "--key-type", "babe"];
    expect((await failure(() => key(insert, () => {}))).code).toBe("NODE_BAD_CHAIN_SPEC");
    expect(existsSync(join(outsideDb, "data.mdb"))).toBe(true);
    expect(existsSync(join(dir, "escape", "keystore"))).toBe(false);
    expect(existsSync(base)).toBe(false);
  });

  it("refuses a chains directory that is a link to somewhere else", () => {
    const dir = join(root, "linked");
    mkdirSync(join(dir, "elsewhere"), { recursive: true });
    mkdirSync(join(dir, "base"));
    symlinkSync(join(dir, "elsewhere"), join(dir, "base", "chains"));
    expect(() => chainPaths(join(dir, "base"), "canary_dev")).toThrow(
      expect.objectContaining({ code: "NODE_PATH_OUTSIDE_BASE" }),
    );
  });

  it("purges only the files a database is made of", async () => {
    const base = join(root, "purge-own");
    const node = await CanaryNode.start({
      chain: "dev",
      basePath: base,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    await node.stop();
    const db = join(base, "chains", "canary_dev", "db");
    writeFileSync(join(db, "notes.txt"), "mine");
    const lines: string[] = [];
    await purgeChain(["--base-path", base, "-y"], (l) => lines.push(l));
    expect(lines).toEqual([`"${db}" removed.`, "Kept what Canary did not create there: notes.txt"]);
    expect(readdirSync(db)).toEqual(["notes.txt"]);
  });
});
