export * from "./system/index.ts";
