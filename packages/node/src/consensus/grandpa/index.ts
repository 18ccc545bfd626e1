export * from "./round.ts";
export * from "./transport.ts";
export * from "./voter.ts";
