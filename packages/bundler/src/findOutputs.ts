/** The build outputs present in a tree: every bundle in a runtime's `dist/`. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Root-relative paths of `runtimes/<name>/dist/*.{js,wasm}` (bare bundles and envelopes), sorted. */
export function findBuildOutputs(root: string): string[] {
  const runtimes = join(root, "runtimes");
  if (!existsSync(runtimes)) return [];
  const found: string[] = [];
  for (const name of readdirSync(runtimes).sort()) {
    const dist = join(runtimes, name, "dist");
    if (!existsSync(dist)) continue;
    for (const file of readdirSync(dist).sort()) {
      if (/\.([cm]?js|wasm)$/.test(file)) found.push(`runtimes/${name}/dist/${file}`);
    }
  }
  return found;
}
