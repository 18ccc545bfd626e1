/**
 * What the simulator tests share: the local testnet's genesis (Alice, Bob, Charlie, Dave) and one
 * executor, the seeds of a batch of runs (CANARY_SIM_SEED=<n> replays one run; CANARY_SIM_RUNS
 * changes how many), and a failure message that names the seed and its faults.
 */
import { initCrypto } from "@canary/crypto";
import { buildGenesisInMemory, Executor, type Genesis } from "@canary/node";
import { concatBytes, H256, storageKey, storagePrefix, toHex, twox64, Vec } from "@canary/primitives";
import type { ScenarioOptions, SimNode } from "../../packages/node/src/simulator/index.ts";
import { relayBundle } from "../relay/harness.ts";

export const VALIDATORS = ["Alice", "Bob", "Charlie", "Dave"] as const;
export const SLOT_MS = 6_000;

export async function simSetup(): Promise<{ genesis: Genesis; executor: Executor }> {
  await initCrypto();
  const executor = new Executor();
  const genesis = buildGenesisInMemory(executor, (await relayBundle()).code, { preset: "local_testnet" });
  return { genesis, executor };
}

/** The seeds of a batch: the one CANARY_SIM_SEED names, or `count` (CANARY_SIM_RUNS) from `base`. */
export function batchSeeds(count: number, base: number): number[] {
  const one = process.env.CANARY_SIM_SEED;
  if (one !== undefined && one !== "") return [Number(one)];
  const runs = Number(process.env.CANARY_SIM_RUNS ?? count);
  return Array.from({ length: runs }, (_, i) => base + i);
}

/** The failure text of a run: how to replay it, and what was drawn. */
export function replayHint(seed: number, options: Partial<ScenarioOptions>): string {
  const { genesis: _g, executor: _e, ...faults } = options as ScenarioOptions;
  return `seed ${seed} (replay: CANARY_SIM_SEED=${seed}); faults ${JSON.stringify(faults)}`;
}

/**
 * The offenders Offences recorded for `kind` in `node`'s best state: every time slot's report ids
 * (ConcurrentReportsIndex under the kind), each report's offender (Reports).
 */
export function recordedOffenders(node: SimNode, kind: string): string[] {
  const chain = node.chain;
  const host = chain.host(chain.stateAt(chain.best().hash));
  const kindBytes = Uint8Array.from(kind, (c) => c.charCodeAt(0));
  const prefix = concatBytes(
    storagePrefix("Offences", "ConcurrentReportsIndex"),
    twox64(kindBytes),
    kindBytes,
  );
  const offenders: string[] = [];
  for (
    let key = host.storageNextKey(prefix);
    key && startsWith(key, prefix);
    key = host.storageNextKey(key)
  ) {
    for (const id of Vec(H256).dec(host.storageGet(key)!)) {
      const report = host.storageGet(storageKey("Offences", "Reports", ["Twox64Concat", H256.enc(id)]));
      if (report) offenders.push(toHex(report.subarray(0, 32)));
    }
  }
  return offenders;
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  return key.length >= prefix.length && prefix.every((b, i) => key[i] === b);
}
