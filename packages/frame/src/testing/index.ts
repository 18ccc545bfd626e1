export * from "./memoryHost.ts";
