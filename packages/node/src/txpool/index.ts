export * from "./errors.ts";
export * from "./pool.ts";
export * from "./slices.ts";
export * from "./validateOnChain.ts";
