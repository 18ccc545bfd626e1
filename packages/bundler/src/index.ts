export * from "./bundle.ts";
export * from "./errors.ts";
export * from "./findOutputs.ts";
export * from "./manifest.ts";
export { ESBUILD_VERSION, OPTIONS_FINGERPRINT, PINNED_OPTIONS } from "./options.ts";
export * from "./output.ts";
export { type SourceFiles, sourcesHash } from "./sources.ts";
