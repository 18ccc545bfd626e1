export * from "./buildGenesis.ts";
export * from "./errors.ts";
