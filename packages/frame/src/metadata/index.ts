export * from "./encode.ts";
export * from "./fromRuntime.ts";
export * from "./model.ts";
export * from "./registry.ts";
