/**
 * Block limits per dispatch class, built as FRAME's `BlockWeights::builder()` does for Kusama
 * (reference/perf-reliability.md §1.1, kusama-runtime.md §6): 2 s of ref_time per block, 75% for
 * Normal transactions, the rest reserved for Operational ones, 1% expected for on_initialize,
 * 5 MiB of block length (75% Normal). Mandatory extrinsics (inherents) are never limited.
 */
import { Option, Struct, u32, u64, withIdentity } from "@canary/primitives";
import { type DispatchClass, type Weight, Weight as WeightCodec, weight } from "../weights.ts";

export const WEIGHT_REF_TIME_PER_SECOND = 1_000_000_000_000n;
export const WEIGHT_REF_TIME_PER_NANOS = 1_000n;
const U64_MAX = (1n << 64n) - 1n;

/** Measured on Kusama's reference machine (fellows runtimes constants). */
export const EXTRINSIC_BASE_WEIGHT = weight(124_706n * WEIGHT_REF_TIME_PER_NANOS);
export const BLOCK_EXECUTION_WEIGHT = weight(14_280_000n * WEIGHT_REF_TIME_PER_NANOS);
/** RocksDB read and write costs, which Kusama's weights use. */
export const DB_WEIGHT = {
  read: 25_000n * WEIGHT_REF_TIME_PER_NANOS,
  write: 100_000n * WEIGHT_REF_TIME_PER_NANOS,
};

export interface ClassLimits {
  baseExtrinsic: Weight;
  /** Largest single extrinsic of this class; undefined means unlimited. */
  maxExtrinsic: Weight | undefined;
  /** Largest total of this class in a block; undefined means unlimited. */
  maxTotal: Weight | undefined;
  /** Weight only this class may use, beyond the others' totals. */
  reserved: Weight | undefined;
}

export interface BlockLimits {
  baseBlock: Weight;
  maxBlock: Weight;
  perClass: Record<DispatchClass, ClassLimits>;
  /** Block length limit in bytes, per class. */
  maxLength: Record<DispatchClass, number>;
}

export interface LimitsConfig {
  maxBlockRefTime: bigint;
  maxBlockProofSize: bigint;
  /** Parts per 100 of the block for Normal transactions. */
  normalRatioPercent: bigint;
  /** Parts per 100 of the block expected to be used by on_initialize. */
  avgInitRatioPercent: bigint;
  maxBlockLength: number;
  baseBlock: Weight;
  baseExtrinsic: Weight;
}

export const KUSAMA_LIMITS: LimitsConfig = {
  maxBlockRefTime: 2n * WEIGHT_REF_TIME_PER_SECOND,
  maxBlockProofSize: U64_MAX,
  normalRatioPercent: 75n,
  avgInitRatioPercent: 1n,
  maxBlockLength: 5 * 1024 * 1024,
  baseBlock: BLOCK_EXECUTION_WEIGHT,
  baseExtrinsic: EXTRINSIC_BASE_WEIGHT,
};

const percent = (w: Weight, p: bigint): Weight => ({
  refTime: (w.refTime * p) / 100n,
  proofSize: (w.proofSize * p) / 100n,
});
const saturatingSub = (a: Weight, b: Weight): Weight => ({
  refTime: a.refTime > b.refTime ? a.refTime - b.refTime : 0n,
  proofSize: a.proofSize > b.proofSize ? a.proofSize - b.proofSize : 0n,
});

export function blockLimits(config: LimitsConfig = KUSAMA_LIMITS): BlockLimits {
  const maxBlock = weight(config.maxBlockRefTime, config.maxBlockProofSize);
  const normalTotal = percent(maxBlock, config.normalRatioPercent);
  const initWeight = percent(maxBlock, config.avgInitRatioPercent);
  const maxExtrinsic = (total: Weight) =>
    saturatingSub(saturatingSub(total, initWeight), config.baseExtrinsic);
  const normalLength = Number((BigInt(config.maxBlockLength) * config.normalRatioPercent) / 100n);
  return {
    baseBlock: config.baseBlock,
    maxBlock,
    perClass: {
      Normal: {
        baseExtrinsic: config.baseExtrinsic,
        maxExtrinsic: maxExtrinsic(normalTotal),
        maxTotal: normalTotal,
        reserved: weight(0n),
      },
      Operational: {
        baseExtrinsic: config.baseExtrinsic,
        maxExtrinsic: maxExtrinsic(maxBlock),
        maxTotal: maxBlock,
        reserved: saturatingSub(maxBlock, normalTotal),
      },
      Mandatory: {
        baseExtrinsic: config.baseExtrinsic,
        maxExtrinsic: undefined,
        maxTotal: undefined,
        reserved: undefined,
      },
    },
    maxLength: { Normal: normalLength, Operational: config.maxBlockLength, Mandatory: config.maxBlockLength },
  };
}

const WeightsPerClass = withIdentity(
  Struct(
    {
      base_extrinsic: WeightCodec,
      max_extrinsic: Option(WeightCodec),
      max_total: Option(WeightCodec),
      reserved: Option(WeightCodec),
    },
    "WeightsPerClass",
  ),
  { path: ["frame_system", "limits", "WeightsPerClass"] },
);
const perClass = <T>(codec: import("@canary/primitives").Codec<T>, name: string) =>
  withIdentity(Struct({ normal: codec, operational: codec, mandatory: codec }, name), {
    path: ["frame_support", "dispatch", "PerDispatchClass"],
    params: [{ name: "T", type: codec.desc }],
  });

/** `System.BlockWeights` constant type (`frame_system::limits::BlockWeights`). */
export const BlockWeightsCodec = withIdentity(
  Struct(
    { base_block: WeightCodec, max_block: WeightCodec, per_class: perClass(WeightsPerClass, "PerClass") },
    "BlockWeights",
  ),
  { path: ["frame_system", "limits", "BlockWeights"] },
);
/** `System.BlockLength` constant type (`frame_system::limits::BlockLength`). */
export const BlockLengthCodec = withIdentity(
  Struct({ max: perClass(u32, "PerClassLength") }, "BlockLength"),
  {
    path: ["frame_system", "limits", "BlockLength"],
  },
);
/** `System.DbWeight` constant type (`sp_weights::RuntimeDbWeight`). */
export const DbWeightCodec = withIdentity(Struct({ read: u64, write: u64 }, "RuntimeDbWeight"), {
  path: ["sp_weights", "RuntimeDbWeight"],
});

export function blockWeightsValue(limits: BlockLimits) {
  const cls = (c: ClassLimits) => ({
    base_extrinsic: c.baseExtrinsic,
    max_extrinsic: c.maxExtrinsic,
    max_total: c.maxTotal,
    reserved: c.reserved,
  });
  return {
    base_block: limits.baseBlock,
    max_block: limits.maxBlock,
    per_class: {
      normal: cls(limits.perClass.Normal),
      operational: cls(limits.perClass.Operational),
      mandatory: cls(limits.perClass.Mandatory),
    },
  };
}

export function blockLengthValue(limits: BlockLimits) {
  const { Normal, Operational, Mandatory } = limits.maxLength;
  return { max: { normal: Normal, operational: Operational, mandatory: Mandatory } };
}
