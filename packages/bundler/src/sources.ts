/**
 * What a bundle was built from: every file esbuild read, plus the package.json files that steered
 * how imports were resolved (their `exports`, `main` or `sideEffects` can change the bundle
 * without any source changing), each by a hash of its contents.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ESBUILD_VERSION, OPTIONS_FINGERPRINT } from "./options.ts";

/** Root-relative path (with `/`) → sha256 of the file's contents, in sorted path order. */
export type SourceFiles = Readonly<Record<string, string>>;

const sha256 = (data: string | Uint8Array): string => `0x${createHash("sha256").update(data).digest("hex")}`;

const toPosix = (path: string): string => path.split(sep).join("/");

/**
 * The package.json files above each input (inputs are root-relative), up to and including the
 * package's own (the first with a name): a nested one may set `type` or `sideEffects`, the
 * package's own sets `exports` and `main`.
 */
export function packageManifests(root: string, inputs: readonly string[]): string[] {
  const memo = new Map<string, readonly string[]>();
  const above = (dir: string): readonly string[] => {
    const known = memo.get(dir);
    if (known !== undefined) return known;
    const manifest = join(dir, "package.json");
    const parent = dirname(dir);
    let found: readonly string[];
    if (existsSync(manifest)) {
      const here = toPosix(relative(root, manifest));
      found = isPackageRoot(manifest) || parent === dir ? [here] : [here, ...above(parent)];
    } else {
      found = parent === dir ? [] : above(parent);
    }
    memo.set(dir, found);
    return found;
  };
  const all = new Set<string>();
  for (const input of inputs) for (const m of above(dirname(resolve(root, input)))) all.add(m);
  return [...all];
}

function isPackageRoot(manifest: string): boolean {
  try {
    return typeof (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "string";
  } catch {
    return false;
  }
}

/** The build's sources: esbuild's inputs and the package.json files that resolved them, hashed. */
export function sourceFiles(root: string, inputs: readonly string[]): SourceFiles {
  const paths = [...new Set([...inputs, ...packageManifests(root, inputs)])].sort();
  const files: Record<string, string> = {};
  for (const path of paths) files[path] = sha256(readFileSync(resolve(root, path)));
  return files;
}

/** Hashes the files listed in a manifest as they are now; a file that is gone is listed in `missing`. */
export function rehashFiles(
  root: string,
  paths: readonly string[],
): { files: Record<string, string>; missing: string[] } {
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const path of paths) {
    try {
      files[path] = sha256(readFileSync(resolve(root, path)));
    } catch {
      missing.push(path);
    }
  }
  return { files, missing };
}

/**
 * One hash for everything that decides the bundle's bytes: the entry, the esbuild version, the
 * pinned options, and each source's path and contents, in sorted order.
 */
export function sourcesHash(
  entry: string,
  files: SourceFiles,
  tool: { esbuild: string; options: string } = { esbuild: ESBUILD_VERSION, options: OPTIONS_FINGERPRINT },
): string {
  const lines = [
    `canary-runtime-sources/1`,
    `entry ${entry}`,
    `esbuild ${tool.esbuild}`,
    `options ${tool.options}`,
  ];
  for (const path of Object.keys(files).sort()) lines.push(`${path}\0${files[path]}`);
  return sha256(`${lines.join("\n")}\n`);
}
