export * from "./balances/index.ts";
export * from "./system/index.ts";
