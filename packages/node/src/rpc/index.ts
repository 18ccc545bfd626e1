export * from "./errors.ts";
export * from "./methods/index.ts";
export * from "./protocol.ts";
export * from "./rpcServer.ts";
