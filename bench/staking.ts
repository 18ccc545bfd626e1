// Staking inside the runtime (the pallet on the node's host, as a block runs it): an era change
// that elects 1,000 of 1,000 validators backed by 12,500 nominators × 24 votes (Kusama's bounds),
// and `payout_stakers` of one full page of 512 nominators.
import { initCrypto } from "@canary/crypto";
import { Root, RuntimeBuilder, signed, withHost } from "@canary/frame";
import { BlockState, NodeHost } from "@canary/node";
import {
  Balances,
  balancesDefaults,
  eraPayout,
  Staking,
  type StakingGenesis,
  stakingDefaults,
} from "@canary/pallets";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";
import { System, systemDefaults } from "../packages/pallets/src/system/index.ts";
import { MOCK_VERSION } from "../packages/pallets/src/test/mockRuntime.ts";
import { type BenchRow, report, timeMs } from "./report.ts";

const VALIDATORS = 1_000;
const NOMINATORS = 12_500;
const VOTES = 24;
const PAGE = 512;
const KSM = 10n ** 12n;

let s = 0x2545f491;
const next = () => {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return (s >>> 0) / 2 ** 32;
};
const account = (i: number) => {
  const a = new Uint8Array(32);
  new DataView(a.buffer).setUint32(0, i + 1);
  return a;
};

// Hashing as the node's host does it (Wasm), not the pure-JS fallback.
await initCrypto();
const clock = { now: 0n };
const builder = new RuntimeBuilder("canary_bench_runtime");
const system = builder.add(
  0,
  System,
  systemDefaults(() => MOCK_VERSION),
);
const balances = builder.add(4, Balances, balancesDefaults(system));
let session: Uint8Array[] = [];
const staking = builder.add(6, Staking, {
  ...stakingDefaults(system, balances),
  session: () => ({ validators: () => session, disable: () => false }),
  now: () => clock.now,
  eraPayout,
  rewardRemainder: () => {},
  slashed: () => {},
});
const runtime = builder.build({ depositEvent: (e) => system.api.depositEvent(e) });
// The node's host: state in an overlay over a trie, as blocks run (an in-memory node store).
const host = new NodeHost(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT }));
const run = <T>(fn: () => T): T => withHost(host, fn);

// Validators 0..999; the first page's 512 nominators back validator 0 alone, the rest vote 24 at random.
const validators = Array.from({ length: VALIDATORS }, (_, i) => account(i));
const nominators = Array.from({ length: NOMINATORS }, (_, i) => account(VALIDATORS + i));
const stake = () => BigInt(Math.floor(next() * 10_000) + 1) * KSM;
const genesis: StakingGenesis = {
  validatorCount: VALIDATORS,
  forceEra: "ForceNone",
  stakers: [
    ...validators.map((v) => [v, v, stake(), { tag: "Validator" }] as const),
    ...nominators.map((n, i) => {
      const targets = new Set<Uint8Array>(i < PAGE ? [validators[0]!] : []);
      while (i >= PAGE && targets.size < VOTES) targets.add(validators[Math.floor(next() * VALIDATORS)]!);
      return [n, n, stake(), { tag: "Nominator", value: [...targets] }] as const;
    }),
  ] as StakingGenesis["stakers"],
};
const setupMs = await timeMs(() =>
  run(() => {
    balances.genesis?.build({ balances: [...validators, ...nominators].map((a) => [a, 20_000n * KSM]) });
    staking.genesis?.build(genesis);
    system.api.initializeBlock(1, new Uint8Array(32), []);
  }),
);
const manager = staking.api.sessionManager;
const genesisElectionMs = await timeMs(() =>
  run(() => {
    session = manager.newSessionGenesis?.(0) ?? [];
    manager.startSession?.(0);
    staking.hooks.onFinalize?.(1);
  }),
);
const elected = session.length;

// The block of the next era's election: a forced era, planned at the next session.
run(() => runtime.dispatch(Root, { tag: "Staking", value: { tag: "force_new_era", value: {} } }));
run(() => staking.api.noteAuthor(validators[0]!));
const electionBlockMs = await timeMs(() => run(() => manager.newSession(2)));
run(() => {
  clock.now += 6n * 3_600_000n;
  manager.endSession?.(0);
  manager.startSession?.(1);
  manager.endSession?.(1);
  manager.startSession?.(2);
});
const exposure = run(() => staking.storage.ErasStakersOverview.get(0, validators[0]!));
const payoutMs = await timeMs(() =>
  run(() =>
    runtime.dispatch(signed(nominators[0]!), {
      tag: "Staking",
      value: { tag: "payout_stakers", value: { validator_stash: validators[0]!, era: 0 } },
    }),
  ),
);
const rewarded = run(() => system.storage.Events.get()).filter(
  (e) => e.event.tag === "Staking" && e.event.value.tag === "Rewarded",
).length;

const rows: BenchRow[] = [
  { name: "genesis: bond and role of 13,500 stakers", value: setupMs, unit: "ms" },
  {
    name: "genesis election (1,000 of 1,000)",
    value: genesisElectionMs,
    unit: "ms",
    note: `${elected} elected, exposures stored`,
  },
  { name: "era change block (election + exposures)", value: electionBlockMs, unit: "ms" },
  {
    name: `payout_stakers, page of ${exposure?.nominator_count ?? 0}`,
    value: payoutMs,
    unit: "ms",
    note: `${rewarded} rewards paid`,
  },
];
report("Staking in the runtime (node host, in-memory store)", rows);
