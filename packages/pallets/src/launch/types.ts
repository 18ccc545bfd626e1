/** Launch stores a flag only; its types are FRAME's. */
export type { Origin, RuntimeCall } from "@canary/frame";
