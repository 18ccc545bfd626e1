/**
 * `node packages/bundler/src/cli.ts <entry.ts> <out.wasm|out.js>` (`npm run build:runtime`): writes the
 * bundle and its manifest, and prints its size, code hash and sources hash.
 */
import { relative, resolve } from "node:path";
import { CanaryError } from "@canary/primitives";
import { manifestPathOf } from "./manifest.ts";
import { writeBuildOutput } from "./output.ts";

async function main(args: string[]): Promise<void> {
  const [entry, out] = args;
  if (entry === undefined || out === undefined || args.length > 2) {
    console.error("usage: node packages/bundler/src/cli.ts <entry.ts> <out.wasm|out.js>");
    process.exit(2);
  }
  const { code, manifest } = await writeBuildOutput(entry, out);
  console.log(
    `${out}: ${code.length} bytes, code hash ${manifest.code.hash}, sources hash ${manifest.sources.hash}`,
  );
  const files = Object.keys(manifest.sources.files).length;
  console.log(`${relative(process.cwd(), manifestPathOf(resolve(out)))}: built from ${files} files`);
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof CanaryError ? `Error: ${e.message}` : e);
    process.exit(1);
  });
}
