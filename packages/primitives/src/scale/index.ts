export * from "./appendedVec.ts";
export * from "./bytes.ts";
export * from "./codec.ts";
export * from "./compact.ts";
export * from "./composite.ts";
export * from "./ints.ts";
export * from "./reader.ts";
export * from "./writer.ts";
