export * from "./babe.ts";
export * from "./grandpa.ts";
