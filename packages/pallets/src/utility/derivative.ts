/** Derivative accounts of `as_derivative`: indexed pseudonyms of an account. */
import type { AccountId32 } from "@canary/primitives";
import { blake2_256, concatBytes, u16 } from "@canary/primitives";

/** `b"modlpy/utilisuba"`: FRAME's module prefix and the `suba` type id of the utility pallet. */
const DERIVATIVE_PREFIX = Uint8Array.from("modlpy/utilisuba", (c) => c.charCodeAt(0));

/** `blake2_256(b"modlpy/utilisuba" ++ who ++ index as u16 LE)`, as FRAME's `derivative_account_id`. */
export function derivativeAccountId(who: AccountId32, index: number): AccountId32 {
  return blake2_256(concatBytes(DERIVATIVE_PREFIX, who, u16.enc(index)));
}
