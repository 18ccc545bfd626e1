export * from "./blockServer.ts";
export * from "./errors.ts";
export { MAX_LIGHT_READ_KEYS } from "./lightServer.ts";
export * from "./messages.ts";
export * from "./network.ts";
export * from "./reputation.ts";
