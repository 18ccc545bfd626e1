export * from "./context.ts";
export * from "./dispatchError.ts";
export * from "./hostApi.ts";
export * from "./origin.ts";
export * from "./pallet.ts";
export * from "./runtime.ts";
export * from "./storage.ts";
export * from "./weights.ts";
