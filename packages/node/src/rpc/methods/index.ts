export * from "./childState.ts";
export * from "./clientErrors.ts";
export * from "./grandpa.ts";
export * from "./legacy.ts";
export * from "./params.ts";
export * from "./rpcSpec.ts";
export * from "./stateQueries.ts";
export * from "./substrateExtras.ts";
