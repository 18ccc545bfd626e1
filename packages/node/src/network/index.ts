export * from "./blockServer.ts";
export * from "./errors.ts";
export * from "./messages.ts";
export * from "./network.ts";
export * from "./reputation.ts";
