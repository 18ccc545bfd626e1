export * from "./blockStore.ts";
export * from "./chain.ts";
export * from "./dbNodeStore.ts";
export * from "./errors.ts";
export * from "./preverify.ts";
export * from "./pruning.ts";
export * from "./runtimeApi.ts";
export * from "./seal.ts";
