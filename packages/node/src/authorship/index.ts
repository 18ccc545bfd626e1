export * from "./blockAuthor.ts";
export * from "./errors.ts";
export * from "./slots.ts";
export * from "./worker.ts";
