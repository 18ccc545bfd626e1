export * from "./babe.ts";
export * from "./claimer.ts";
export * from "./epochs.ts";
export * from "./equivocations.ts";
export * from "./slotDuration.ts";
export * from "./verifier.ts";
