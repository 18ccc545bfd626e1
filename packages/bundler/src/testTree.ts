/** Test support: a small runtime source tree (fixtures/) of its own, in a fresh temporary directory. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function fixtureTrees() {
  const dirs: string[] = [];
  return {
    make(): string {
      const root = mkdtempSync(join(tmpdir(), "canary-bundler-"));
      dirs.push(root);
      writeFileSync(join(root, "package.json"), JSON.stringify({ name: "fixture", type: "module" }));
      cpSync(new URL("./fixtures/", import.meta.url), join(root, "src"), { recursive: true });
      return root;
    },
    removeAll(): void {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}
