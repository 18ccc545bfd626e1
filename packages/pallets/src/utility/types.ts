/** Utility's types: events report inner calls' `DispatchResult`, declared once in frame. */
export { DispatchResult } from "@canary/frame";
