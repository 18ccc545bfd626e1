/** Sudo's types: events report the inner call's `DispatchResult`, declared once in frame. */
export { DispatchResult } from "@canary/frame";
