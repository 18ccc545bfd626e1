/**
 * Build outputs: a bundle written to disk with its manifest, and the checks that it still is what
 * its sources build. A build output whose sources changed is stale and refused, never run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { blake2_256, toHex } from "@canary/primitives";
import { type BundleOptions, buildRuntime, REPO_ROOT } from "./bundle.ts";
import { BundlerError } from "./errors.ts";
import { type BuildManifest, MANIFEST_FORMAT, manifestPathOf, parseManifest } from "./manifest.ts";
import { ESBUILD_VERSION, OPTIONS_FINGERPRINT } from "./options.ts";
import { rehashFiles, sourceFiles, sourcesHash } from "./sources.ts";

export interface BuildOutput {
  readonly code: Uint8Array;
  readonly codeHash: Uint8Array;
  readonly manifest: BuildManifest;
}

export type BuildOutputStatus =
  | { readonly state: "absent" }
  | { readonly state: "fresh"; readonly code: Uint8Array; readonly manifest: BuildManifest }
  | { readonly state: "stale"; readonly reason: string };

const toPosix = (path: string): string => path.split(sep).join("/");
const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(path));

/** Writes aside and renames, so a reader never sees half a file. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, data);
  renameSync(aside, file);
}

/**
 * Bundles `entryFile` into `outFile` and writes the manifest next to it. The bundle is written
 * first: an interrupted build leaves a manifest that disagrees with the bytes, which is stale.
 */
export async function writeBuildOutput(
  entryFile: string,
  outFile: string,
  options: BundleOptions = {},
): Promise<BuildOutput> {
  const root = options.root ?? REPO_ROOT;
  const entry = absolute(entryFile);
  const out = absolute(outFile);
  const { code, codeHash, inputs, metadataHash } = await buildRuntime(entry, { root });
  const entryPath = toPosix(relative(root, entry));
  const files = sourceFiles(root, inputs);
  const manifest: BuildManifest = {
    format: MANIFEST_FORMAT,
    entry: entryPath,
    code: { file: basename(out), bytes: code.length, hash: toHex(codeHash) },
    ...(metadataHash === undefined ? {} : { metadataHash }),
    esbuild: ESBUILD_VERSION,
    options: OPTIONS_FINGERPRINT,
    sources: { hash: sourcesHash(entryPath, files), files },
  };
  mkdirSync(dirname(out), { recursive: true });
  writeAtomically(out, code);
  writeAtomically(manifestPathOf(out), `${JSON.stringify(manifest, null, 2)}\n`);
  return { code, codeHash, manifest };
}

function listed(paths: readonly string[], what: string): string {
  const shown = paths.slice(0, 5).join(", ");
  return `${what} ${shown}${paths.length > 5 ? ` and ${paths.length - 5} more` : ""}`;
}

/**
 * Whether the build output `outFile` matches the sources as they are now, without running esbuild:
 * its bytes are the ones its manifest records, it was built by this esbuild with these options, and
 * every file it was built from still has the contents it had. A source that newly imports a file
 * has itself changed, so a new input is seen too; {@link verifyBuildOutput} also rebuilds.
 */
export function checkBuildOutput(outFile: string, options: BundleOptions = {}): BuildOutputStatus {
  const root = options.root ?? REPO_ROOT;
  const out = absolute(outFile);
  if (!existsSync(out)) return { state: "absent" };
  const manifestFile = manifestPathOf(out);
  const shownManifest = toPosix(relative(root, manifestFile));
  let text: string;
  try {
    text = readFileSync(manifestFile, "utf8");
  } catch {
    return {
      state: "stale",
      reason: `it has no manifest (${shownManifest}): it was built before build outputs had one, or its build did not finish`,
    };
  }
  let manifest: BuildManifest;
  try {
    manifest = parseManifest(text);
  } catch (error) {
    return {
      state: "stale",
      reason: `its manifest ${shownManifest} cannot be read: ${(error as Error).message}`,
    };
  }
  const code = new Uint8Array(readFileSync(out));
  const codeHash = toHex(blake2_256(code));
  if (codeHash !== manifest.code.hash) {
    return {
      state: "stale",
      reason: `its bytes (code hash ${codeHash}) are not the ones its manifest records (${manifest.code.hash})`,
    };
  }
  if (manifest.esbuild !== ESBUILD_VERSION) {
    return {
      state: "stale",
      reason: `it was built with esbuild ${manifest.esbuild}, and this checkout has esbuild ${ESBUILD_VERSION}`,
    };
  }
  if (manifest.options !== OPTIONS_FINGERPRINT) {
    return { state: "stale", reason: "it was built with other esbuild options than the pinned ones" };
  }
  const paths = Object.keys(manifest.sources.files);
  const now = rehashFiles(root, paths);
  const changed = paths.filter(
    (p) => now.files[p] !== undefined && now.files[p] !== manifest.sources.files[p],
  );
  if (changed.length > 0 || now.missing.length > 0) {
    const parts = [];
    if (changed.length > 0) parts.push(listed(changed, "changed:"));
    if (now.missing.length > 0) parts.push(listed(now.missing, "missing:"));
    return { state: "stale", reason: `its sources changed since it was built (${parts.join("; ")})` };
  }
  if (sourcesHash(manifest.entry, now.files) !== manifest.sources.hash) {
    return { state: "stale", reason: "its manifest's sources hash does not match the files it lists" };
  }
  return { state: "fresh", code, manifest };
}

/**
 * {@link checkBuildOutput}, then builds the entry again: the files esbuild reads now must be the
 * ones the manifest lists (an added file can change how an import resolves without changing any
 * listed one), and the bytes must be the same. For CI, where a second spent on it is cheap.
 */
export async function verifyBuildOutput(
  outFile: string,
  options: BundleOptions = {},
): Promise<BuildOutputStatus> {
  const root = options.root ?? REPO_ROOT;
  const status = checkBuildOutput(outFile, { root });
  if (status.state !== "fresh") return status;
  const { manifest } = status;
  const rebuilt = await buildRuntime(resolve(root, manifest.entry), { root });
  const files = sourceFiles(root, rebuilt.inputs);
  const added = Object.keys(files).filter((p) => !(p in manifest.sources.files));
  const dropped = Object.keys(manifest.sources.files).filter((p) => !(p in files));
  if (added.length > 0 || dropped.length > 0) {
    const parts = [];
    if (added.length > 0) parts.push(listed(added, "now also built from:"));
    if (dropped.length > 0) parts.push(listed(dropped, "no longer built from:"));
    return { state: "stale", reason: `its sources changed since it was built (${parts.join("; ")})` };
  }
  const codeHash = toHex(rebuilt.codeHash);
  if (codeHash !== manifest.code.hash) {
    return {
      state: "stale",
      reason: `building its sources now gives other bytes (code hash ${codeHash}, it has ${manifest.code.hash})`,
    };
  }
  return status;
}

/** The refusal of a stale build output: which file, why, and what to do. */
export function staleBuildError(
  outFile: string,
  reason: string,
  options: { root?: string; rebuild?: string } = {},
): BundlerError {
  const shown = toPosix(relative(options.root ?? REPO_ROOT, absolute(outFile)));
  const rebuild = options.rebuild ?? "npm run build:runtime";
  return new BundlerError(
    "RUNTIME_STALE_BUILD",
    `The runtime build output ${shown} does not match its sources: ${reason}. ` +
      `Run \`${rebuild}\` to rebuild it, or delete it to have the runtime built from its sources.`,
  );
}

/**
 * The code of the build output `outFile` if it matches its sources; undefined when there is none;
 * a stale one is refused with RUNTIME_STALE_BUILD.
 */
export function loadBuildOutput(
  outFile: string,
  options: BundleOptions & { rebuild?: string } = {},
): Uint8Array | undefined {
  const status = checkBuildOutput(outFile, options);
  if (status.state === "absent") return undefined;
  if (status.state === "stale") throw staleBuildError(outFile, status.reason, options);
  return status.code;
}
