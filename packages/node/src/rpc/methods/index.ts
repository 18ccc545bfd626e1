export * from "./legacy.ts";
export * from "./params.ts";
export * from "./rpcSpec.ts";
