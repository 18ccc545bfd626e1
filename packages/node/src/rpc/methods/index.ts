export * from "./legacy.ts";
export * from "./params.ts";
