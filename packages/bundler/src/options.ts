/**
 * esbuild's options for a runtime bundle. Every option that shapes the output is pinned here, so
 * that the same sources give the same bytes, and so the same code hash, on every machine.
 */
import { createHash } from "node:crypto";
import { type BuildOptions, version } from "esbuild";

/** The esbuild this package declares; a build output records it, and a different one makes it stale. */
export const ESBUILD_VERSION: string = version;

/** The options that decide the bytes, without the entry and the directory (given per build). */
export const PINNED_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  format: "iife",
  platform: "neutral",
  target: "es2023",
  // Workspace packages export `./src/index.ts`; third-party ones may only have main/module.
  mainFields: ["module", "main"],
  conditions: [],
  resolveExtensions: [".ts", ".js", ".mjs"],
  treeShaking: true,
  minify: false,
  sourcemap: false,
  legalComments: "none",
  charset: "utf8",
  keepNames: false,
  // The executor's context has no Promise (the runtime API is synchronous, and a rejected promise
  // nobody handles would reach the node's process): lower async syntax and import() to helpers
  // that need the missing global, so using them is a plain, deterministic panic.
  supported: { "async-await": false, "async-generator": false, "dynamic-import": false },
  // What the workspace's tsconfig files say (tsconfig.base.json: es2023, so define semantics for
  // class fields; strict, so "use strict"), given here so that esbuild reads no tsconfig.json: an edit there, which no
  // manifest would see, cannot change the bundle.
  tsconfigRaw: {
    compilerOptions: { strict: true, verbatimModuleSyntax: true, useDefineForClassFields: true },
  },
};

/** esbuild's options for `entry` (absolute), with paths in the bundle relative to `root`. */
export function buildOptions(entry: string, root: string): BuildOptions {
  return {
    ...PINNED_OPTIONS,
    entryPoints: [entry],
    absWorkingDir: root,
    write: false,
    // The inputs esbuild read, for the manifest; it does not change the output.
    metafile: true,
    logLevel: "silent",
  };
}

/** A hash of the pinned options: a build made with other options is not this build. */
export const OPTIONS_FINGERPRINT: string = `0x${createHash("sha256").update(JSON.stringify(PINNED_OPTIONS)).digest("hex")}`;
