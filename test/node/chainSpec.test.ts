/**
 * Chain spec files (`--chain <spec.json>`): what `build-spec` writes starts the same chain, an
 * edited spec starts a new one exactly as written, and a bad spec is refused with its reason.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, initCrypto, keypairFromSuri } from "@canary/crypto";
import { BabeApi } from "@canary/frame";
import { apiAt, Executor } from "@canary/node";
import { blockHash, encodeUtf8, ss58Encode, toHex } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpec } from "../../packages/node/src/cli/subcommands.ts";
import { CanaryNode, genesisOf } from "../../packages/node/src/service/canaryNode.ts";
import { loadChainSpec, parseChainSpec } from "../../packages/node/src/service/chainSpec.ts";
import { Keystore } from "../../packages/node/src/service/keystore.ts";
import { createLogger } from "../../packages/node/src/service/logger.ts";
import { DEV_ACCOUNTS, devSessionKeys } from "../../runtimes/relay/src/index.ts";
import { sessionEntry } from "../support/babe.ts";
import { freeBalance } from "../support/state.ts";

const root = mkdtempSync(join(tmpdir(), "canary-spec-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logger = createLogger("error", () => {});
const executor = new Executor();

/** What build-spec writes, as far as these tests look into it. */
interface SpecJson {
  id: string;
  genesis: { runtimeGenesis: { code: string }; raw: Record<string, unknown> };
  [key: string]: unknown;
}

let devSpec: SpecJson;
let rawSpec: SpecJson;
let devGenesisHash: string;

async function specJson(args: string[]): Promise<SpecJson> {
  const lines: string[] = [];
  await buildSpec(args, (l) => lines.push(l));
  return JSON.parse(lines.join("\n"));
}

function write(name: string, spec: unknown): string {
  const file = join(root, name);
  writeFileSync(file, typeof spec === "string" ? spec : JSON.stringify(spec));
  return file;
}

const hashOf = async (chain: string) =>
  toHex(blockHash((await genesisOf(executor, loadChainSpec(chain))).header));

beforeAll(async () => {
  await initCrypto();
  devSpec = await specJson(["--chain", "dev"]);
  rawSpec = await specJson(["--chain", "dev", "--raw"]);
  devGenesisHash = await hashOf("dev");
});

describe("chain spec files", () => {
  it("gives the built-in chain's genesis from build-spec's output, plain and raw, and round-trips", async () => {
    // Only the keys Substrate's and smoldot's spec parsers know (smoldot denies unknown fields):
    // the authorities are in the genesis, as the runtime's session keys.
    const known = ["name", "id", "chainType", "bootNodes", "telemetryEndpoints", "protocolId", "properties"];
    for (const key of Object.keys(rawSpec)) expect([...known, "codeSubstitutes", "genesis"]).toContain(key);
    expect(Object.keys(rawSpec.genesis.raw)).toEqual(["top", "childrenDefault"]);
    expect(await hashOf(write("dev.json", devSpec))).toBe(devGenesisHash);
    expect(await hashOf(write("dev-raw.json", rawSpec))).toBe(devGenesisHash);
    // build-spec of a spec file writes the same spec again.
    expect(await specJson(["--chain", join(root, "dev-raw.json")])).toEqual(rawSpec);
    expect(await specJson(["--chain", join(root, "dev.json"), "--raw"])).toEqual(rawSpec);
  });

  it("starts a node on an edited spec with its own id, balances exactly as written, and another author", async () => {
    const charlie = devKeypair("Charlie").publicKey;
    const amount = "123456789012345678901234567"; // beyond 2^53: must not pass through a float
    const text = JSON.stringify({
      ...devSpec,
      id: "my_testnet",
      name: "My Testnet",
      chainType: "Local",
      genesis: {
        runtimeGenesis: {
          code: devSpec.genesis.runtimeGenesis.code,
          patch: {
            balances: { balances: [[ss58Encode(charlie, 2), 0]] },
            session: { keys: [sessionEntry(DEV_ACCOUNTS.Bob, devSessionKeys("Bob"))] },
          },
        },
      },
    }).replace(/\[("[^"]+"),0\]/, `[$1,${amount}]`);
    const base = join(root, "edited");
    const node = await CanaryNode.start({
      chain: write("edited.json", text),
      basePath: base,
      devKey: "Bob", // a Local chain: the key must be in the keystore, as --bob puts it
      instantSeal: true,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    try {
      expect(node.spec.name).toBe("My Testnet");
      expect(toHex(node.chain.genesisHash)).not.toBe(devGenesisHash);
      expect(freeBalance(node.chain, charlie)).toBe(BigInt(amount));
      expect(freeBalance(node.chain, devKeypair("Alice").publicKey)).toBe(0n);
      node.authorBlock(); // sealed by Bob, the genesis's only validator
      expect(node.chain.best().number).toBe(1);
      expect(existsSync(join(base, "chains", "my_testnet", "db"))).toBe(true);
    } finally {
      await node.stop();
    }
  });

  it("authors with an authority's key from the keystore, and refuses to author without one", async () => {
    const seed = `0x${"07".repeat(32)}`;
    const authority = keypairFromSuri(seed).publicKey;
    const keys = { ...devSessionKeys("Alice"), babe: authority };
    const file = write("stranger.json", {
      ...devSpec,
      id: "stranger",
      genesis: {
        runtimeGenesis: {
          code: devSpec.genesis.runtimeGenesis.code,
          patch: { session: { keys: [sessionEntry(authority, keys)] } },
        },
      },
    });
    const base = join(root, "stranger");
    const start = (validator: boolean) =>
      CanaryNode.start({ chain: file, basePath: base, validator, rpcPort: 0, prometheusPort: null, logger });
    await expect(start(true)).rejects.toMatchObject({ code: "NODE_NO_AUTHORING_KEY" });
    const follower = await start(false); // a node that does not author needs no key
    await follower.stop();

    const keystore = new Keystore(join(base, "chains", "stranger", "keystore"));
    // A damaged key file is named, not misread.
    const keyFile = join(keystore.path, `62616265${toHex(authority).slice(2)}`);
    writeFileSync(keyFile, '"0x07');
    await expect(start(true)).rejects.toMatchObject({ code: "KEYSTORE_BAD_KEY" });
    keystore.generate("sr25519", encodeUtf8("babe"), encodeUtf8(seed));
    const author = await start(true);
    try {
      author.authorBlock();
      expect(author.chain.best().number).toBe(1);
    } finally {
      await author.stop();
    }
  });

  it("refuses a bad spec with what is wrong, before anything is written", async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ["not-json", "{ nope", /is not JSON/],
      ["array", "[]", /expected a JSON object/],
      ["no-id", { ...rawSpec, id: undefined }, /"id" must be a non-empty string/],
      ["chain-type", { ...rawSpec, chainType: "Prod" }, /"chainType" must be one of/],
      ["boot-nodes", { ...rawSpec, bootNodes: [1] }, /"bootNodes" must be an array of multiaddr strings/],
      ["no-genesis", { ...rawSpec, genesis: {} }, /"genesis" must hold "raw" or "runtimeGenesis"/],
      [
        "bad-raw",
        { ...rawSpec, genesis: { raw: { top: { "0x01": "zz" } } } },
        /"genesis.raw.top"\["0x01"\] must be 0x-prefixed hex/,
      ],
      [
        "no-config",
        { ...devSpec, genesis: { runtimeGenesis: { code: "0x00" } } },
        /needs a "config" or "patch" object/,
      ],
    ];
    for (const [name, spec, message] of cases) {
      const file = write(`${name}.json`, spec);
      const error = (() => {
        try {
          loadChainSpec(file);
        } catch (e) {
          return e as Error & { code: string };
        }
        return undefined;
      })();
      expect(error?.code, name).toBe("NODE_BAD_CHAIN_SPEC");
      expect(error?.message, name).toMatch(message);
    }
    expect(() => loadChainSpec(join(root, "missing.json"))).toThrow(
      /unknown chain .*the path of a chain spec file/,
    );

    // Parsed but unusable: a raw genesis with no runtime, a config the runtime refuses.
    const noCode = { ...rawSpec, genesis: { raw: { top: { "0x01": "0x02" } } } };
    await expect(genesisOf(executor, parseChainSpec(JSON.stringify(noCode)))).rejects.toMatchObject({
      code: "GENESIS_NO_CODE",
    });
    const badConfig = {
      ...devSpec,
      genesis: { runtimeGenesis: { code: devSpec.genesis.runtimeGenesis.code, patch: { balances: 5 } } },
    };
    const base = join(root, "refused");
    await expect(
      CanaryNode.start({ chain: write("bad-config.json", badConfig), basePath: base, logger, rpcPort: 0 }),
    ).rejects.toMatchObject({ code: "GENESIS_BUILD_FAILED" });
    // No database is written (a failed start now removes the directories it made, too).
    expect(existsSync(join(base, "chains", devSpec.id, "db"))).toBe(false);
  });
});

describe("the chain's slot length", () => {
  it("is a built-in chain's genesis field that --block-time sets, and the node's slots follow it", async () => {
    const spec = (await specJson(["--chain", "local", "--block-time", "300"])) as unknown as {
      genesis: { runtimeGenesis: { patch: { babe: { slotDuration: number } } } };
    };
    expect(spec.genesis.runtimeGenesis.patch.babe.slotDuration).toBe(300);
    const file = write("local-300.json", spec);
    // Another slot length is another chain: another genesis.
    expect(await hashOf(file)).not.toBe(await hashOf("local"));
    const node = await CanaryNode.start({
      chain: "local",
      blockTimeMs: 300,
      tmp: true,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    try {
      expect(node.slotDurationMs).toBe(300);
      const config = apiAt(node.chain, node.chain.best().hash, BabeApi).configuration();
      expect(config.slotDuration).toBe(300n);
      expect(toHex(node.chain.genesisHash)).toBe(await hashOf(file));
    } finally {
      await node.stop();
    }
    // A spec file carries its own: the same --block-time is accepted, another refused.
    const same = await CanaryNode.start({
      chain: file,
      blockTimeMs: 300,
      tmp: true,
      rpcPort: 0,
      prometheusPort: null,
      logger,
    });
    expect(same.slotDurationMs).toBe(300);
    await same.stop();
    await expect(
      CanaryNode.start({
        chain: file,
        blockTimeMs: 6_000,
        tmp: true,
        rpcPort: 0,
        prometheusPort: null,
        logger,
      }),
    ).rejects.toMatchObject({
      code: "NODE_SLOT_DURATION_MISMATCH",
      message: expect.stringContaining("build-spec --chain local --block-time 6000"),
    });
    await expect(specJson(["--chain", file, "--block-time", "300"])).rejects.toThrow(
      /--block-time and --epoch-duration set the lengths of a built-in chain/,
    );
    await expect(specJson(["--chain", "dev", "--block-time", "5"])).rejects.toThrow(
      /--block-time must be a whole number of milliseconds from 100/,
    );
  });
});
