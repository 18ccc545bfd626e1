/**
 * Call weights, in the shape of Kusama's benchmarked `pallet_balances` weights: a base plus
 * database reads and writes at RocksDB's 25 µs / 100 µs (reference/perf-reliability.md §1.1).
 * Only `transfer_keep_alive` (30.35 µs + 1 read + 1 write) is a quoted figure; the other bases are
 * scaled from it by FRAME's relative benchmark results until Canary benchmarks its own.
 */
import { type Weight, weight } from "@canary/frame";

export const READ = 25_000_000n;
export const WRITE = 100_000_000n;
/** Proof size of one `System.Account` entry, as Kusama's benchmarks report it. */
const ACCOUNT_PROOF = 3_593n;

const w = (base: bigint, reads: bigint, writes: bigint, accounts: bigint): Weight =>
  weight(base + reads * READ + writes * WRITE, accounts * ACCOUNT_PROOF);

export const weights = {
  transferAllowDeath: (): Weight => w(42_000_000n, 1n, 1n, 1n),
  transferKeepAlive: (): Weight => w(30_350_000n, 1n, 1n, 1n),
  forceTransfer: (): Weight => w(44_000_000n, 2n, 2n, 2n),
  transferAll: (): Weight => w(38_000_000n, 1n, 1n, 1n),
  forceUnreserve: (): Weight => w(14_000_000n, 1n, 1n, 1n),
  forceSetBalance: (): Weight => w(14_500_000n, 1n, 1n, 1n),
  burn: (): Weight => w(28_000_000n, 1n, 1n, 1n),
};
