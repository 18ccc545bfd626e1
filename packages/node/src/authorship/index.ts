export * from "./blockAuthor.ts";
