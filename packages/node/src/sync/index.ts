export * from "./blockRequests.ts";
export * from "./chainSync.ts";
export * from "./checkResponse.ts";
export * from "./errors.ts";
