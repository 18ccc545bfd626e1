/**
 * Kusama's launch replayed on four `canary` processes (`--chain canary`), through polkadot.js:
 * Alice and Bob author under proof-of-authority with transfers filtered; Charlie, Dave, Eve and
 * Ferdie claim KSM with Ethereum signatures (viem); Charlie and Dave bond, set keys and validate,
 * Eve and Ferdie nominate; sudo raises the validator count and forces an era, and the NPoS election
 * moves block production and finality to the four elected validators. Rewards are paid with
 * `payout_stakers`; Dave's GRANDPA equivocation (two prevotes signed with his key) is reported and
 * slashed after the deferral; sudo lifts the transfer restriction and then removes itself by a
 * runtime upgrade. The chain spec shortens eras and the deferral (sessions of 6 one-second slots,
 * eras of 2 sessions, slashes deferred 1 era), as an operator's test network would.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleRuntime, REPO_ROOT } from "@canary/bundler";
import { devKeypair, initCrypto, signGrandpaVote } from "@canary/crypto";
import {
  Bytes,
  concatBytes,
  FixedBytes,
  GrandpaEquivocationProof,
  Option,
  Tuple,
  toHex,
  u64,
} from "@canary/primitives";
import { ApiPromise, WsProvider } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { devSessionKeys, SESSION_KEYS, SPEC_VERSION } from "../../runtimes/relay/src/index.ts";
import { SPEC_BUFFER, type SpawnedNode, spawnNode } from "../support/spawnNode.ts";
import { until } from "../support/until.ts";

const KSM = 10n ** 12n;
const CLI = join(REPO_ROOT, "packages/node/src/cli/canary.ts");
const dir = mkdtempSync(join(tmpdir(), "canary-e2e-launch-"));
const running = new Set<SpawnedNode>();
let api: ApiPromise | undefined;
afterAll(async () => {
  await api?.disconnect();
  for (const n of running) await n.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The Ethereum keys of the claimants and what each may claim. */
const claimants = {
  Charlie: { eth: privateKeyToAccount(`0x${"c1".repeat(32)}`), amount: 5_000n * KSM },
  Dave: { eth: privateKeyToAccount(`0x${"d1".repeat(32)}`), amount: 5_000n * KSM },
  Eve: { eth: privateKeyToAccount(`0x${"e1".repeat(32)}`), amount: 3_000n * KSM },
  Ferdie: { eth: privateKeyToAccount(`0x${"f1".repeat(32)}`), amount: 3_000n * KSM },
};

interface Outcome {
  events: Array<{ name: string; data: unknown }>;
  error?: string;
}

/** Submits and waits for the block that includes it; the dispatch error's name if it failed. */
function send(tx: SubmittableExtrinsic<"promise">, signer?: KeyringPair): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const onStatus = (result: {
      status: { isInBlock: boolean; type: string };
      events: Array<{ event: { section: string; method: string; data: { toJSON(): unknown } } }>;
      dispatchError?: { isModule: boolean; asModule: unknown; type: string };
      isError: boolean;
    }) => {
      if (result.isError) reject(new Error(`transaction ${result.status.type}`));
      if (!result.status.isInBlock) return;
      let error: string | undefined;
      if (result.dispatchError) {
        error = result.dispatchError.isModule
          ? api!.registry.findMetaError(result.dispatchError.asModule as never).name
          : result.dispatchError.type;
      }
      const events = result.events.map(({ event }) => ({
        name: `${event.section}.${event.method}`,
        data: event.data.toJSON(),
      }));
      resolve(error === undefined ? { events } : { events, error });
    };
    (signer ? tx.signAndSend(signer, onStatus as never) : tx.send(onStatus as never)).catch(reject);
  });
}

const names = (o: Outcome) => o.events.map((e) => e.name);

describe("the launch, replayed on four processes", () => {
  it("goes from proof-of-authority to NPoS, pays rewards, slashes an equivocation, lifts the restriction and removes sudo", async () => {
    await initCrypto();
    // The launch's chain spec: --chain canary with its claims, short slots, epochs and eras.
    const claimsFile = join(dir, "claims.json");
    writeFileSync(
      claimsFile,
      JSON.stringify(
        Object.values(claimants).map((c) => ({ address: c.eth.address, amount: c.amount.toString() })),
      ),
    );
    const built = JSON.parse(
      execFileSync(
        process.execPath,
        [
          CLI,
          "build-spec",
          "--chain",
          "canary",
          "--claims",
          claimsFile,
          "--block-time",
          "1000",
          "--epoch-duration",
          "6",
        ],
        { encoding: "utf8", maxBuffer: SPEC_BUFFER },
      ),
    );
    built.genesis.runtimeGenesis.patch.staking = {
      ...built.genesis.runtimeGenesis.patch.staking,
      sessionsPerEra: 2,
      bondingDuration: 3,
      slashDeferDuration: 1,
    };
    const specFile = join(dir, "canary.json");
    writeFileSync(specFile, JSON.stringify(built));

    const common = ["--chain", specFile, "--rpc-port", "0", "--no-prometheus"];
    const start = async (name: string, extra: string[]) => {
      const node = await spawnNode(
        [...common, "--base-path", join(dir, name), `--${name}`, ...extra],
        60_000,
      );
      running.add(node);
      return node;
    };
    const alice = await start("alice", []);
    const boot = /👂 Listening for peers on (\S+)/.exec(alice.output.join(""))![1]!;
    const bobNode = await start("bob", ["--bootnodes", boot]);
    const charlieNode = await start("charlie", ["--bootnodes", boot]);
    await start("dave", ["--bootnodes", boot]);
    // Charlie and Dave are not authorities yet: their nodes wait to be elected.
    expect(charlieNode.output.join("")).toMatch(/not among the current authorities/);

    api = await ApiPromise.create({
      provider: new WsProvider(`ws://127.0.0.1:${alice.port}`),
      noInitWarn: true,
      throwOnConnect: true,
    });
    const q = api.query as never as Record<string, Record<string, (...a: unknown[]) => Promise<never>>>;
    const tx = api.tx as never as Record<
      string,
      Record<string, (...a: unknown[]) => SubmittableExtrinsic<"promise">>
    >;
    const keyring = new Keyring({ type: "sr25519", ss58Format: 2 });
    const [aliceKey, charlie, dave, eve, ferdie] = ["Alice", "Charlie", "Dave", "Eve", "Ferdie"].map((n) =>
      keyring.addFromUri(`//${n}`),
    ) as [KeyringPair, KeyringPair, KeyringPair, KeyringPair, KeyringPair];
    const free = async (who: KeyringPair) =>
      (
        (await q.system!.account!(who.address)) as { data: { free: { toBigInt(): bigint } } }
      ).data.free.toBigInt();
    const bestNumber = async () => (await api!.rpc.chain.getHeader()).number.toNumber();
    const finalizedNumber = async () =>
      (await api!.rpc.chain.getHeader(await api!.rpc.chain.getFinalizedHead())).number.toNumber();
    const sudo = (call: SubmittableExtrinsic<"promise">) => send(tx.sudo!.sudo!(call), aliceKey);
    await until("the chain runs", async () => (await bestNumber()) >= 2, 60_000);

    // 1. Claims: each claimant signs Kusama's message for its account; the unsigned claim pays it.
    const pairs = { Charlie: charlie, Dave: dave, Eve: eve, Ferdie: ferdie };
    for (const [name, c] of Object.entries(claimants)) {
      const who = pairs[name as keyof typeof pairs];
      const signature = await c.eth.signMessage({
        message: `Pay KSMs to the Kusama account:${toHex(who.publicKey).slice(2)}`,
      });
      const claimed = await send(tx.claims!.claim!(who.address, signature));
      expect(names(claimed)).toContain("claims.Claimed");
      expect(await free(who)).toBe(c.amount);
    }

    // 2. No transfers while the launch restriction holds.
    const newcomer = keyring.addFromUri("//Newcomer");
    const transfer = () => tx.balances!.transferKeepAlive!(newcomer.address, KSM);
    expect((await send(transfer(), eve)).error).toBe("CallFiltered");

    // 3. Charlie and Dave bond, set session keys and validate: Charlie with keys its node made
    //    (author_rotateKeys), Dave with his dev keys. Eve and Ferdie bond and nominate.
    const rotated = (await (
      await fetch(`http://127.0.0.1:${charlieNode.port}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "author_rotateKeys", params: [] }),
      })
    ).json()) as { result: string };
    const daveKeys = toHex(concatBytes(...SESSION_KEYS.map((k) => devSessionKeys("Dave")[k.name]!)));
    for (const [who, keys] of [
      [charlie, rotated.result],
      [dave, daveKeys],
    ] as const) {
      const joined = await send(
        tx.utility!.batchAll!([
          tx.staking!.bond!(1_000n * KSM, "Staked"),
          tx.session!.setKeys!(keys, "0x"),
          tx.staking!.validate!({ commission: 50_000_000, blocked: false }),
        ]),
        who,
      );
      expect(joined.error).toBeUndefined();
      expect(names(joined)).toEqual(expect.arrayContaining(["staking.Bonded", "staking.ValidatorPrefsSet"]));
    }
    for (const who of [eve, ferdie]) {
      const nominated = await send(
        tx.utility!.batchAll!([
          tx.staking!.bond!(2_000n * KSM, "Staked"),
          tx.staking!.nominate!([charlie.address, dave.address]),
        ]),
        who,
      );
      expect(nominated.error).toBeUndefined();
    }
    const tooMany = await send(tx.staking!.nominate!(Array.from({ length: 25 }, () => charlie.address)), eve);
    expect(tooMany.error).toBe("TooManyTargets");

    // 4. Sudo raises the validator count and forces an era: the next election is NPoS.
    const forced = await sudo(
      tx.utility!.batchAll!([tx.staking!.setValidatorCount!(4), tx.staking!.forceNewEra!()]),
    );
    expect(names(forced)).toContain("sudo.Sudid");
    const validators = async () =>
      ((await q.session!.validators!()) as { toJSON(): string[] })
        .toJSON()
        .map((a) => keyring.encodeAddress(a, 2));
    await until(
      "the elected set is the session's",
      async () => (await validators()).length === 4,
      90_000,
      500,
    );
    expect(new Set(await validators())).toEqual(
      new Set([aliceKey.address, keyring.addFromUri("//Bob").address, charlie.address, dave.address]),
    );
    const era = async () =>
      ((await q.staking!.activeEra!()) as { toJSON(): { index: number } }).toJSON().index;
    const electedEra = await era();
    expect(electedEra).toBeGreaterThanOrEqual(1);
    // Block production moves: Charlie and Dave author (20 points a block) ...
    // `individual` is a BTreeMap: polkadot.js gives its entries as [account, points] pairs.
    const points = async (e: number) =>
      new Map(
        (
          (await q.staking!.erasRewardPoints!(e)) as { toJSON(): { individual: Array<[string, number]> } }
        ).toJSON().individual,
      );
    await until(
      "Charlie and Dave author blocks",
      async () => {
        const p = await points(await era());
        return (p.get(charlie.address) ?? 0) > 0 && (p.get(dave.address) ?? 0) > 0;
      },
      90_000,
      500,
    );
    // ... and finality too: the new set finalizes blocks past the change.
    const setId = async () =>
      BigInt(((await q.grandpa!.currentSetId!()) as { toString(): string }).toString());
    await until("GRANDPA moved to the elected set", async () => (await setId()) >= 1n, 60_000, 500);
    const past = await bestNumber();
    await until("the elected set finalizes", async () => (await finalizedNumber()) > past, 60_000, 500);

    // 5. Rewards: once the era with Charlie's points is over, anyone pays its stakers.
    const rewarded = await era();
    await until("the era is paid", async () => (await era()) > rewarded, 60_000, 500);
    const payout = await send(tx.staking!.payoutStakers!(charlie.address, rewarded), ferdie);
    expect(payout.error).toBeUndefined();
    const paid = payout.events
      .filter((e) => e.name === "staking.Rewarded")
      .map((e) => (e.data as [string])[0]);
    expect(paid.map((a) => keyring.encodeAddress(a, 2))).toEqual(expect.arrayContaining([charlie.address]));
    expect((await send(tx.staking!.payoutStakers!(charlie.address, rewarded), ferdie)).error).toBe(
      "AlreadyClaimed",
    );

    // 6. Dave equivocates: two different prevotes in one round, signed with his GRANDPA key.
    const daveGran = devKeypair("Dave", "ed25519");
    const currentSet = await setId();
    const round = 1_000_000n;
    const prevote = (n: number) =>
      signGrandpaVote(
        daveGran,
        { tag: "Prevote", value: { targetHash: new Uint8Array(32).fill(n), targetNumber: n } },
        round,
        currentSet,
      );
    const [a, b] = [prevote(1), prevote(2)];
    const proof = GrandpaEquivocationProof.enc({
      setId: currentSet,
      equivocation: {
        tag: "Prevote",
        value: {
          roundNumber: round,
          identity: daveGran.publicKey,
          first: [a.message.value, a.signature],
          second: [b.message.value, b.signature],
        },
      },
    });
    const ownership = await api.rpc.state.call(
      "GrandpaApi_generate_key_ownership_proof",
      toHex(Tuple(u64, FixedBytes(32)).enc([currentSet, daveGran.publicKey])),
    );
    const keyOwnerProof = Option(Bytes).dec(ownership.toU8a(true));
    expect(keyOwnerProof).toBeDefined();
    const daveBonded = async () =>
      ((await q.staking!.ledger!(dave.address)) as { toJSON(): { active: number | string } }).toJSON().active;
    const before = BigInt(await daveBonded());
    const report = await send(
      api.tx(api.createType("Call", concatBytes(Uint8Array.of(10, 0), proof, keyOwnerProof!))),
      ferdie,
    );
    expect(report.error).toBeUndefined();
    expect(names(report)).toEqual(expect.arrayContaining(["offences.Offence", "staking.SlashReported"]));
    // Deferred: nothing is taken in the era of the report ...
    expect(BigInt(await daveBonded())).toBe(before);
    // ... and after the deferral Dave's bond is slashed ((3·1/4)² of his exposure).
    await until("Dave is slashed", async () => BigInt(await daveBonded()) < before, 120_000, 500);

    // 7. Sudo lifts the restriction: transfers work.
    expect(names(await sudo(tx.launch!.liftRestriction!()))).toContain("launch.RestrictionLifted");
    expect((await send(transfer(), eve)).error).toBeUndefined();
    expect(await free(newcomer)).toBe(KSM);

    // 8. Sudo removes itself: a runtime upgrade to a release without it.
    const { code } = await bundleRuntime(join(REPO_ROOT, "runtimes/relay/src/mainWithoutSudo.ts"));
    const upgrade = await sudo(tx.system!.setCode!(toHex(code)));
    expect(upgrade.error).toBeUndefined();
    await until(
      "the new runtime is in force",
      async () => (await api!.rpc.state.getRuntimeVersion()).specVersion.toNumber() === SPEC_VERSION + 1,
      60_000,
      500,
    );
    await until("polkadot.js sees the new metadata", () => api!.tx.sudo === undefined, 30_000, 200);
    const after = await finalizedNumber();
    await until(
      "blocks are finalized after the upgrade",
      async () => (await finalizedNumber()) > after + 2,
      60_000,
      500,
    );
    expect(bobNode.output.join("")).not.toMatch(/panicked|FATAL/);
  }, 600_000);
});
