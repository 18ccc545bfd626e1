export * from "./blockCache.ts";
export * from "./errors.ts";
export * from "./limits.ts";
export * from "./methods/index.ts";
export * from "./protocol.ts";
export * from "./rpcServer.ts";
export * from "./storageSubscriptions.ts";
