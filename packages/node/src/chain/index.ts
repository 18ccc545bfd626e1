export * from "./blockStore.ts";
export * from "./chain.ts";
export * from "./dbNodeStore.ts";
export * from "./seal.ts";
