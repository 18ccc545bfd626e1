/** Historical's events (FRAME's pallet has them since 2024): a root noted, sessions pruned. */
import { event } from "@canary/frame";
import { u32 } from "@canary/primitives";

export const events = {
  RootStored: event(0, { index: u32 }, ["The merkle root of the validators of the said session were stored"]),
  RootsPruned: event(1, { up_to: u32 }, ["The merkle roots of up to this session index were pruned"]),
};
