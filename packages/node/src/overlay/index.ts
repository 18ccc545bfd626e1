export * from "./blockState.ts";
export * from "./errors.ts";
export * from "./nodeHost.ts";
export * from "./stateOverlay.ts";
export * from "./verifiedSignatures.ts";
