/**
 * Claims' weights in the shape of Kusama's benchmarks (`claim` includes its unsigned validation,
 * a secp256k1 recovery). Placeholders until Canary benchmarks its own.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

const w = (base: bigint, reads: bigint, writes: bigint): Weight =>
  weight(base + reads * READ + writes * WRITE, 4_764n);

export const weights = {
  claim: (): Weight => w(180_000_000n, 7n, 6n),
  mintClaim: (): Weight => w(12_000_000n, 1n, 4n),
  claimAttest: (): Weight => w(185_000_000n, 7n, 6n),
  attest: (): Weight => w(75_000_000n, 8n, 7n),
  moveClaim: (): Weight => w(25_000_000n, 4n, 7n),
  prevalidateAttests: (): Weight => w(8_000_000n, 2n, 0n),
};
