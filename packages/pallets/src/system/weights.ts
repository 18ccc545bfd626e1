/**
 * Call weights. Until Canary's own benchmarks exist these follow the shape of FRAME's benchmarked
 * formulas (a base plus a per-byte or per-item term) with Kusama-scale constants; one read or write
 * is charged at RocksDB's 25 µs / 100 µs (reference/perf-reliability.md §1.1).
 */
import { type Weight, weight } from "@canary/frame";

export const READ = 25_000_000n;
export const WRITE = 100_000_000n;

export const weights = {
  remark: (len: number): Weight => weight(2_000_000n + 400n * BigInt(len)),
  remarkWithEvent: (len: number): Weight => weight(9_000_000n + 1_600n * BigInt(len) + WRITE),
  setStorage: (items: number): Weight => weight(2_000_000n + BigInt(items) * (1_000_000n + WRITE)),
  killStorage: (items: number): Weight => weight(2_000_000n + BigInt(items) * (1_000_000n + WRITE)),
  killPrefix: (subkeys: number): Weight => weight(4_000_000n + BigInt(subkeys) * (1_000_000n + WRITE)),
  authorizeUpgrade: (): Weight => weight(20_000_000n + WRITE),
  /**
   * Replacing the code: a tenth of a second, the scale of Kusama's benchmarked `set_code`. A full
   * block (FRAME's old charge) would exceed an Operational extrinsic's limit once Sudo wraps it.
   */
  setCode: (): Weight => weight(100_000_000_000n),
};
