export * from "./db/index.ts";
export * from "./executor/index.ts";
export * from "./genesis/index.ts";
export * from "./overlay/index.ts";
