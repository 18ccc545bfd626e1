/**
 * Staking's weights in the shape of pallet-staking's benchmarks (a base plus reads and writes,
 * growing with nominations, chunks, spans or paid nominators). Placeholders at Kusama's scale until
 * Canary benchmarks its own.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

const w = (base: bigint, reads: bigint, writes: bigint, per = 0n, n = 0): Weight =>
  weight(base + reads * READ + writes * WRITE + per * BigInt(n), 10_000n);

export const weights = {
  bond: (): Weight => w(45_000_000n, 4n, 4n),
  bondExtra: (): Weight => w(80_000_000n, 8n, 7n),
  unbond: (): Weight => w(85_000_000n, 12n, 7n),
  withdrawUnbonded: (spans: number): Weight => w(85_000_000n, 13n, 11n, 1_500_000n, spans),
  validate: (): Weight => w(55_000_000n, 11n, 5n),
  kick: (n: number): Weight => w(30_000_000n, 1n, 0n, 15_000_000n, n),
  nominate: (n: number): Weight => w(60_000_000n, 12n, 6n, 4_000_000n, n),
  chill: (): Weight => w(50_000_000n, 8n, 6n),
  setPayee: (): Weight => w(20_000_000n, 2n, 1n),
  setController: (): Weight => w(20_000_000n, 3n, 3n),
  root: (): Weight => w(3_000_000n, 0n, 1n),
  setInvulnerables: (n: number): Weight => w(3_000_000n, 0n, 1n, 10_000n, n),
  forceUnstake: (spans: number): Weight => w(85_000_000n, 13n, 12n, 1_500_000n, spans),
  cancelDeferredSlash: (n: number): Weight => w(1_000_000_000n, 1n, 1n, 4_000_000n, n),
  payoutStakers: (nominators: number): Weight => w(100_000_000n, 20n, 6n, 60_000_000n, nominators),
  rebond: (chunks: number): Weight => w(80_000_000n, 9n, 8n, 100_000n, chunks),
  reapStash: (spans: number): Weight => w(85_000_000n, 12n, 12n, 1_500_000n, spans),
  setStakingConfigs: (): Weight => w(7_000_000n, 0n, 7n),
  chillOther: (): Weight => w(70_000_000n, 12n, 6n),
  forceApplyMinCommission: (): Weight => w(20_000_000n, 2n, 1n),
};
