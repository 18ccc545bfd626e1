export * from "./buildGenesis.ts";
