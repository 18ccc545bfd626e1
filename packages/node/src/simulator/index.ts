export * from "./random.ts";
export * from "./scenario.ts";
export * from "./simNetwork.ts";
export * from "./simNode.ts";
export * from "./virtualTime.ts";
