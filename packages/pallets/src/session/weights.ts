/**
 * Session's weights, in the shape of FRAME's benchmarks (a base plus one read and write per key
 * type for the owner index). Placeholders until Canary benchmarks its own.
 */
import { type Weight, weight } from "@canary/frame";
import { READ, WRITE } from "../system/weights.ts";

export const weights = {
  setKeys: (keyTypes: number): Weight => weight(50_000_000n + BigInt(keyTypes + 2) * (READ + WRITE)),
  purgeKeys: (keyTypes: number): Weight => weight(40_000_000n + READ + BigInt(keyTypes + 1) * WRITE),
  rotate: (validators: number): Weight => weight(20_000_000n + BigInt(validators + 4) * (READ + WRITE)),
};
