/**
 * The manifest written next to a build output (`canary_relay_runtime.wasm` →
 * `canary_relay_runtime.json`): the bundle's code hash and what it was built from.
 */
import type { SourceFiles } from "./sources.ts";

export const MANIFEST_FORMAT = "canary-runtime-build/1";

export interface BuildManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** The entry file, relative to the root. */
  readonly entry: string;
  readonly code: {
    /** The bundle's file name, next to the manifest. */
    readonly file: string;
    readonly bytes: number;
    /** blake2_256 of the bundle, as the chain will know it. */
    readonly hash: string;
  };
  /** The RFC-0078 metadata hash baked into the code, when the runtime has one (informational). */
  readonly metadataHash?: string;
  readonly esbuild: string;
  /** sha256 of the pinned esbuild options. */
  readonly options: string;
  readonly sources: {
    /** One hash over the entry, esbuild version, options and every source file (sources.ts). */
    readonly hash: string;
    readonly files: SourceFiles;
  };
}

/** Where the manifest of a build output lives: the same name with `.json`. */
export function manifestPathOf(outFile: string): string {
  return `${outFile.replace(/\.([cm]?js|wasm)$/, "")}.json`;
}

const isHex = (v: unknown): v is string => typeof v === "string" && /^0x[0-9a-f]+$/.test(v);

/** Reads a manifest's text; throws an Error saying what is wrong with it. */
export function parseManifest(text: string): BuildManifest {
  const m = JSON.parse(text) as Partial<BuildManifest> | null;
  if (m === null || typeof m !== "object") throw new Error("it is not a JSON object");
  if (m.format !== MANIFEST_FORMAT)
    throw new Error(`its format is ${String(m.format)}, not ${MANIFEST_FORMAT}`);
  const { entry, code, esbuild, options, sources } = m;
  const filesOk =
    sources?.files !== undefined &&
    typeof sources.files === "object" &&
    Object.values(sources.files).every((h) => isHex(h));
  if (
    typeof entry !== "string" ||
    typeof code?.file !== "string" ||
    typeof code.bytes !== "number" ||
    !isHex(code.hash) ||
    typeof esbuild !== "string" ||
    !isHex(options) ||
    !isHex(sources?.hash) ||
    !filesOk
  ) {
    throw new Error("a field is missing or malformed");
  }
  return m as BuildManifest;
}
