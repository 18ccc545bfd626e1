export * from "./authorship/index.ts";
export * from "./chain/index.ts";
export * from "./db/index.ts";
export * from "./executor/index.ts";
export * from "./genesis/index.ts";
export * from "./network/index.ts";
export * from "./overlay/index.ts";
export * from "./txpool/index.ts";
