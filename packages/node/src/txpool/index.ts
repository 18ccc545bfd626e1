export * from "./errors.ts";
export * from "./pool.ts";
