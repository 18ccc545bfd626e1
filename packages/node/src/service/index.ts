export * from "./canaryNode.ts";
export * from "./chainSpec.ts";
export * from "./errors.ts";
export * from "./lockFile.ts";
export * from "./logger.ts";
export * from "./runtimeCode.ts";
