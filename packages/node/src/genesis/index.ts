export * from "./buildGenesis.ts";
export * from "./errors.ts";
export * from "./genesisTrie.ts";
