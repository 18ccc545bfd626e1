/**
 * A copy of this checkout's sources in a temporary directory, for tests that change sources
 * (tests run in parallel: the real tree is never edited). Packages, runtimes and scripts are
 * copied without their build outputs; node_modules links to the real one's packages, except the
 * workspace's own (`@canary/*`), which link to the copies.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { REPO_ROOT } from "@canary/bundler";

export interface WorkspaceCopy {
  readonly root: string;
  /** Rewrites a file of the copy (root-relative) through `edit`. */
  edit(path: string, edit: (text: string) => string): void;
  remove(): void;
}

const SKIPPED = new Set(["node_modules", "dist"]);

export function copyWorkspace(): WorkspaceCopy {
  const root = mkdtempSync(join(tmpdir(), "canary-workspace-"));
  for (const file of ["package.json", "tsconfig.base.json"]) cpSync(join(REPO_ROOT, file), join(root, file));
  for (const dir of ["packages", "runtimes", "scripts"]) {
    cpSync(join(REPO_ROOT, dir), join(root, dir), {
      recursive: true,
      filter: (src) =>
        !relative(REPO_ROOT, src)
          .split(sep)
          .some((part) => SKIPPED.has(part)),
    });
  }
  const modules = join(REPO_ROOT, "node_modules");
  mkdirSync(join(root, "node_modules/@canary"), { recursive: true });
  for (const name of readdirSync(modules)) {
    if (name === "@canary" || name === ".bin") continue;
    symlinkSync(join(modules, name), join(root, "node_modules", name));
  }
  // The workspace links are relative (../../packages/x), so they point into the copy.
  for (const name of readdirSync(join(modules, "@canary"))) {
    symlinkSync(readlinkSync(join(modules, "@canary", name)), join(root, "node_modules/@canary", name));
  }
  return {
    root,
    edit(path, edit) {
      const file = join(root, path);
      const before = readFileSync(file, "utf8");
      const after = edit(before);
      if (after === before) throw new Error(`the edit left ${path} unchanged`);
      writeFileSync(file, after);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Sets the relay's SPEC_VERSION in a copy's sources. */
export function setRelaySpecVersion(copy: WorkspaceCopy, version: number): void {
  copy.edit("runtimes/relay/src/version.ts", (text) =>
    text.replace(/export const SPEC_VERSION = [\d_]+;/, `export const SPEC_VERSION = ${version};`),
  );
}
