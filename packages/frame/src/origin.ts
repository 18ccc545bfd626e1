/** Origins of a dispatch: who (or what) is calling. Custom origins (governance tracks) come later. */
import type { AccountId32 } from "@canary/primitives";
import { badOrigin, DispatchFailure } from "./dispatchError.ts";

export type Origin =
  | { kind: "Root" }
  | { kind: "Signed"; who: AccountId32 }
  | { kind: "None" }
  | { kind: "Custom"; pallet: string; value: unknown };

export const Root: Origin = { kind: "Root" };
export const NoneOrigin: Origin = { kind: "None" };
export const signed = (who: AccountId32): Origin => ({ kind: "Signed", who });

export function ensureSigned(origin: Origin): AccountId32 {
  if (origin.kind !== "Signed") throw badOrigin();
  return origin.who;
}

export function ensureRoot(origin: Origin): void {
  if (origin.kind !== "Root") throw badOrigin();
}

export function ensureNone(origin: Origin): void {
  if (origin.kind !== "None") throw badOrigin();
}

/** Signed or Root; Root gets `RootNotAllowed` where a call needs a real account. */
export function ensureSignedOrRootNotAllowed(origin: Origin): AccountId32 {
  if (origin.kind === "Root") throw new DispatchFailure({ tag: "RootNotAllowed" });
  return ensureSigned(origin);
}
