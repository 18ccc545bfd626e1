/** Timestamp's types: a moment is milliseconds since the Unix epoch (FRAME's `T::Moment = u64`). */
import { u64 } from "@canary/primitives";

export const Moment = u64;
export type Moment = bigint;
