export * from "./babe.ts";
export { newtype } from "./describe.ts";
export * from "./grandpa.ts";
export * from "./grandpaGossip.ts";
export * from "./session.ts";
export * from "./warpSync.ts";
