/**
 * Transaction mortality, `sp_runtime::generic::era::Era`: immortal, or valid for `period` blocks
 * from a birth block identified by `phase = birth % period`.
 */
import { CanaryError, DecodeError, EncodeError } from "./errors.ts";
import { type Codec, makeCodec, type VariantDesc } from "./scale/codec.ts";
import { u8 } from "./scale/ints.ts";

export type Era = { tag: "Immortal" } | { tag: "Mortal"; period: number; phase: number };

export const MIN_ERA_PERIOD = 4;
export const MAX_ERA_PERIOD = 65536;
const U32_MAX = 0xffff_ffff;

function checkBlockNumber(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > U32_MAX)
    throw new CanaryError("INVALID_BLOCK_NUMBER", `${what}: ${n} is not a block number (u32)`);
}

/** log2 of a power of two up to 2^31. */
const log2 = (powerOfTwo: number): number => 31 - Math.clz32(powerOfTwo);

/** Phases are stored in 12 bits, so long periods round the phase down to a multiple of this. */
const quantizeFactor = (period: number): number => Math.max(period >> 12, 1);

/**
 * The era a transaction created at block `current` gets when asked to live about `period` blocks:
 * the period is rounded up to a power of two in 4..65536 and the phase is quantized, as Substrate's
 * `Era::mortal` does.
 */
export function mortalEra(period: number, current: number): Era {
  if (!Number.isSafeInteger(period) || period < 0)
    throw new CanaryError("INVALID_ERA_PERIOD", `era period ${period} is not a non-negative integer`);
  checkBlockNumber(current, "mortalEra current");
  const p = period > MAX_ERA_PERIOD ? MAX_ERA_PERIOD : period <= 1 ? 1 : 1 << (32 - Math.clz32(period - 1));
  const clamped = Math.min(Math.max(p, MIN_ERA_PERIOD), MAX_ERA_PERIOD);
  const q = quantizeFactor(clamped);
  const phase = current % clamped;
  return { tag: "Mortal", period: clamped, phase: phase - (phase % q) };
}

export const immortalEra = (): Era => ({ tag: "Immortal" });

/** The first block the era is valid from, as seen at block `current` (0 for immortal). */
export function eraBirth(era: Era, current: number): number {
  checkBlockNumber(current, "eraBirth current");
  if (era.tag === "Immortal") return 0;
  const { period, phase } = era;
  const since = Math.max(current, phase) - phase;
  return since - (since % period) + phase;
}

/** The first block the era is no longer valid at; `undefined` for immortal (Substrate: u64::MAX). */
export function eraDeath(era: Era, current: number): number | undefined {
  if (era.tag === "Immortal") {
    checkBlockNumber(current, "eraDeath current");
    return undefined;
  }
  return eraBirth(era, current) + era.period;
}

/** Substrate's transaction longevity, `death.saturating_sub(current)` in u64. */
export function eraLongevity(era: Era, current: number): bigint {
  const death = eraDeath(era, current);
  const d = death === undefined ? 0xffff_ffff_ffff_ffffn : BigInt(death);
  const c = BigInt(current);
  return d > c ? d - c : 0n;
}

function checkMortal(period: number, phase: number): string | undefined {
  if (
    !Number.isInteger(period) ||
    period < MIN_ERA_PERIOD ||
    period > MAX_ERA_PERIOD ||
    (period & (period - 1)) !== 0
  )
    return `period ${period} is not a power of two in ${MIN_ERA_PERIOD}..${MAX_ERA_PERIOD}`;
  if (!Number.isInteger(phase) || phase < 0 || phase >= period)
    return `phase ${phase} is not in 0..${period - 1}`;
  if (phase % quantizeFactor(period) !== 0)
    return `phase ${phase} is not a multiple of ${quantizeFactor(period)} (use mortalEra)`;
  return undefined;
}

// Metadata: Substrate describes Era as a 256-variant enum (Immortal, then MortalN(u8) for N = the first byte).
const eraVariants: VariantDesc[] = [{ name: "Immortal", index: 0, fields: [] }];
for (let i = 1; i < 256; i++) eraVariants.push({ name: `Mortal${i}`, index: i, fields: [{ type: u8.desc }] });

export const Era: Codec<Era> = makeCodec<Era>(
  { kind: "variant", path: ["sp_runtime", "generic", "era", "Era"], variants: eraVariants },
  1,
  (w, era) => {
    if (era.tag === "Immortal") return w.byte(0);
    if (era.tag !== "Mortal") throw new EncodeError("Era", `unknown variant ${String((era as Era).tag)}`);
    const problem = checkMortal(era.period, era.phase);
    if (problem) throw new EncodeError("Era", problem);
    const low = Math.min(Math.max(log2(era.period) - 1, 1), 15);
    const enc = low | ((era.phase / quantizeFactor(era.period)) << 4);
    w.byte(enc & 0xff);
    w.byte(enc >> 8);
  },
  (r) => {
    const first = r.byte("Era");
    if (first === 0) return { tag: "Immortal" };
    const enc = first | (r.byte("Era") << 8);
    const period = 2 << (enc & 15);
    const phase = (enc >> 4) * quantizeFactor(period);
    if (period < MIN_ERA_PERIOD || phase >= period)
      throw new DecodeError(
        "invalid-value",
        "Era",
        `0x${enc.toString(16)} gives period ${period}, phase ${phase}`,
      );
    return { tag: "Mortal", period, phase };
  },
  "Era",
);
