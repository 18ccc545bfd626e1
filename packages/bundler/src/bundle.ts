/**
 * Builds a runtime entry file into the one JavaScript bundle stored on chain under `:code`
 * (DESIGN.md §1), deterministically (options.ts), and lists the files it was built from.
 */
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { blake2_256 } from "@canary/primitives";
import { build } from "esbuild";
import { wrapInEnvelope } from "./envelope.ts";
import { BundlerError } from "./errors.ts";
import { bundleMetadataHash, METADATA_HASH_DEFINE } from "./metadataHash.ts";
import { buildOptions } from "./options.ts";

/** The repository root: paths esbuild writes into the bundle are relative to it, never to the machine. */
export const REPO_ROOT: string = fileURLToPath(new URL("../../../", import.meta.url));

export interface RuntimeBundle {
  readonly code: Uint8Array;
  /** blake2_256 of the code: the hash a chain knows the runtime by. */
  readonly codeHash: Uint8Array;
  /** The RFC-0078 metadata hash baked into the code (0x hex), when the runtime asks for one. */
  readonly metadataHash?: string;
}

export interface BuiltRuntime extends RuntimeBundle {
  /** The files esbuild read, relative to the root with `/` separators, sorted. */
  readonly inputs: readonly string[];
}

export interface BundleOptions {
  /** The tree the bundle is built in (default: this repository); the bundle names files relative to it. */
  readonly root?: string;
}

/** Bundles `entryFile` (relative to the current directory or absolute); the entry sets `globalThis.canaryRuntime`. */
export async function bundleRuntime(entryFile: string, options: BundleOptions = {}): Promise<RuntimeBundle> {
  const { code, codeHash, metadataHash } = await buildRuntime(entryFile, options);
  return metadataHash === undefined ? { code, codeHash } : { code, codeHash, metadataHash };
}

/**
 * {@link bundleRuntime}, with the list of files the bundle was built from. A runtime that declares
 * `metadataHashParams` gets its RFC-0078 metadata hash baked in, as Substrate's build script does:
 * the first bundle gives the metadata and so the hash, and the second is built with the hash
 * defined as {@link METADATA_HASH_DEFINE}. Metadata does not depend on the hash, so the second
 * bundle serves the metadata the hash was computed from; both steps are deterministic.
 */
export async function buildRuntime(entryFile: string, options: BundleOptions = {}): Promise<BuiltRuntime> {
  const root = options.root ?? REPO_ROOT;
  const entry = isAbsolute(entryFile) ? entryFile : resolve(entryFile);
  const first = await esbuildOnce(entryFile, entry, root, undefined);
  const metadataHash = bundleMetadataHash(first.code, entryFile);
  const built = metadataHash === undefined ? first : await esbuildOnce(entryFile, entry, root, metadataHash);
  const code = wrapInEnvelope(built.code, entryFile);
  const wrapped = { ...built, code, codeHash: code === built.code ? built.codeHash : blake2_256(code) };
  return metadataHash === undefined ? wrapped : { ...wrapped, metadataHash };
}

async function esbuildOnce(
  entryFile: string,
  entry: string,
  root: string,
  metadataHash: string | undefined,
): Promise<BuiltRuntime> {
  const opts = buildOptions(entry, root);
  if (metadataHash !== undefined) opts.define = { [METADATA_HASH_DEFINE]: JSON.stringify(metadataHash) };
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build(opts);
  } catch (cause) {
    const first = (cause as { errors?: Array<{ text: string; location?: { file: string; line: number } }> })
      .errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : "";
    throw new BundlerError(
      "RUNTIME_BUILD_FAILED",
      `esbuild could not bundle ${entryFile}: ${first?.text ?? String(cause)}${where}`,
      { cause },
    );
  }
  const output = result.outputFiles?.[0];
  if (output === undefined || result.metafile === undefined) {
    throw new BundlerError("RUNTIME_BUILD_FAILED", `esbuild produced no output for ${entryFile}`);
  }
  // Copy into a buffer of its own: esbuild's output may be a view over a larger one.
  const code = output.contents.slice();
  const inputs = Object.keys(result.metafile.inputs).sort();
  return { code, codeHash: blake2_256(code), inputs };
}
