import { DecodeError } from "../errors.ts";

/**
 * How `fn` ends, for tests of decoders: "ok", the `kind` of the DecodeError it throws, or a line
 * naming any other throw (so a wrong error type fails the comparison instead of passing as "ok").
 */
export function kindOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof DecodeError ? e.kind : `not a DecodeError: ${String(e)}`;
  }
}
