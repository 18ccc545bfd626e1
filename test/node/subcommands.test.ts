/** The `canary` subcommands on real databases: export, import (executing every block), purge, keys, specs. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, findBabePreDigest, initCrypto } from "@canary/crypto";
import { toHex } from "@canary/primitives";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildSpec,
  exportBlocks,
  importBlocks,
  key,
  purgeChain,
} from "../../packages/node/src/cli/subcommands.ts";
import { CanaryNode } from "../../packages/node/src/service/canaryNode.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNT_IDS } from "../support/devAccounts.ts";

const root = mkdtempSync(join(tmpdir(), "canary-sub-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logger = createLogger("error", () => {});

async function run(
  f: (args: string[], out: (l: string) => void) => unknown,
  args: string[],
): Promise<string[]> {
  const lines: string[] = [];
  await f(args, (l) => lines.push(l));
  return lines;
}

describe("export-blocks and import-blocks", () => {
  it("exports a chain's blocks and imports them into another base path to the same best block", async () => {
    const source = join(root, "source");
    const node = await CanaryNode.start({
      chain: "dev",
      basePath: source,
      validator: true,
      instantSeal: true, // three blocks at once run slots ahead of the clock
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    for (let i = 0; i < 3; i++) node.authorBlock();
    const best = node.chain.best();
    await node.stop();
    const file = join(root, "blocks.bin");
    expect(await run(exportBlocks, ["--base-path", source, file])).toEqual([
      `Exported 3 blocks (#1..#3) to ${file}`,
    ]);
    const target = join(root, "target");
    const lines = await run(importBlocks, ["--base-path", target, file]);
    expect(lines.at(-1)).toMatch(/^🎉 Imported 3 blocks in .* best #3$/);
    const again = await CanaryNode.start({
      chain: "dev",
      basePath: target,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    expect(again.chain.best()).toEqual(best);
    expect(again.chain.finalized().number).toBe(3);
    await again.stop();
    // A truncated file stops with a decoding error after the whole blocks before it.
    await expect(
      run(exportBlocks, ["--base-path", source, "--from", "3", "--to", "9", file]),
    ).rejects.toThrow(/block #4 is not in the database/);
  });

  it("purges a chain only when confirmed", async () => {
    const base = join(root, "purge");
    const node = await CanaryNode.start({
      chain: "dev",
      basePath: base,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    await node.stop();
    const db = join(base, "chains", "canary_dev", "db");
    await expect(run(purgeChain, ["--base-path", base])).rejects.toThrow(/confirm with -y/);
    expect(existsSync(db)).toBe(true);
    expect(await run(purgeChain, ["--base-path", base, "-y"])).toEqual([`"${db}" removed.`]);
    expect(existsSync(db)).toBe(false);
  });
});

describe("key and build-spec", () => {
  it("inspects a dev key as Substrate's subkey does, and refuses an unknown scheme", async () => {
    const lines = await run(key, ["inspect", "//Alice"]);
    expect(lines).toContain(`  SS58 Address:      ${DEV_ACCOUNT_IDS.Alice.ss58}`);
    expect((await run(key, ["generate"]))[0]).toMatch(/^Secret phrase: +(\w+ ){11}\w+$/);
    await expect(run(key, ["inspect", "//Alice", "--scheme", "rsa"])).rejects.toThrow(
      /--scheme must be one of/,
    );
  });

  it("inserts a key into a chain's keystore, for a node to author with", async () => {
    const base = join(root, "keys");
    const lines = await run(key, [
      "insert",
      "--base-path",
      base,
      "--chain",
      "local",
      "--suri",
      "//Bob",
      "--key-type",
      "babe",
    ]);
    const bob = DEV_ACCOUNT_IDS.Bob.publicKey;
    expect(lines).toEqual([
      `Inserted babe key ${bob} into ${join(base, "chains", "canary_local", "keystore")}`,
    ]);
    expect(existsSync(join(base, "chains", "canary_local", "keystore", `62616265${bob.slice(2)}`))).toBe(
      true,
    );
    // A validator on the local chain (Alice, Bob, Charlie, Dave) finds Bob's key there and authors as
    // #1 (with instant seal: in the next slot BABE gives Bob, however far ahead).
    const node = await CanaryNode.start({
      chain: "local",
      basePath: base,
      validator: true,
      instantSeal: true,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    try {
      node.authorBlock();
      const header = node.chain.header(node.chain.best().hash)!;
      expect(findBabePreDigest(header).value.authorityIndex).toBe(1);
    } finally {
      await node.stop();
    }
    await expect(run(key, ["insert", "--base-path", base, "--suri", "//Bob"])).rejects.toThrow(
      /needs --base-path/,
    );
    await expect(
      run(key, ["insert", "--base-path", base, "--suri", "//Bob", "--key-type", "babel"]),
    ).rejects.toThrow(/four letters/);
  });

  it("inserts GRANDPA keys as ed25519 unless told otherwise, in Substrate's keystore form", async () => {
    await initCrypto();
    const base = join(root, "gran");
    const keystore = join(base, "chains", "canary_local", "keystore");
    const insert = (...extra: string[]) =>
      run(key, ["insert", "--base-path", base, "--chain", "local", "--suri", "//Bob", ...extra]);
    const ed = toHex(devKeypair("Bob", "ed25519").publicKey);
    expect(await insert("--key-type", "gran")).toEqual([`Inserted gran key ${ed} into ${keystore}`]);
    // The file is `hex(key type) ++ hex(public key)` holding the secret URI as a JSON string.
    const file = join(keystore, `6772616e${ed.slice(2)}`);
    expect(JSON.parse(readFileSync(file, "utf8"))).toBe("//Bob");
    const sr = DEV_ACCOUNT_IDS.Bob.publicKey;
    expect(await insert("--key-type", "gran", "--scheme", "sr25519")).toEqual([
      `Inserted gran key ${sr} into ${keystore}`,
    ]);
  });

  it("makes node keys and tells their peer ids", async () => {
    const known = await run(key, ["inspect-node-key", `0x${"00".repeat(31)}01`]);
    expect(known).toEqual(["Peer ID: 12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"]);
    const [id, secret] = await run(key, ["generate-node-key"]);
    const hex = /^Secret: +(0x[0-9a-f]{64}) /.exec(secret!)?.[1];
    expect(await run(key, ["inspect-node-key", hex!])).toEqual([id]);
    await expect(run(key, ["inspect-node-key", "0x1234"])).rejects.toThrow(/32 bytes of hex/);
  });

  it("writes the dev chain spec with the runtime's preset, and raw storage with --raw", async () => {
    const spec = JSON.parse((await run(buildSpec, ["--chain", "dev"])).join("\n"));
    expect(spec).toMatchObject({ id: "canary_dev", chainType: "Development" });
    expect(spec.genesis.runtimeGenesis.patch.sudo.key).toBe(DEV_ACCOUNT_IDS.Alice.ss58);
    const raw = JSON.parse((await run(buildSpec, ["--raw"])).join("\n"));
    expect(raw.genesis.raw.top["0x3a636f6465"]).toBe(spec.genesis.runtimeGenesis.code);
  });
});
