export * from "./errors.ts";
export * from "./pool.ts";
export * from "./validateOnChain.ts";
