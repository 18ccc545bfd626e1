export * from "./account.ts";
export * from "./errors.ts";
export * from "./hashing.ts";
export * from "./hex.ts";
export * from "./scale/index.ts";
export * from "./utf8.ts";
