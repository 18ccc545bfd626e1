// Type-checks every workspace with its own tsconfig, so that a pure package (no Node types)
// fails to compile if it reaches for Node, and the root config covers bench/ and scripts/.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const roots = ["packages", "runtimes", "tools"];
const projects = ["."];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root)) {
    if (existsSync(join(root, name, "tsconfig.json"))) projects.push(join(root, name));
  }
}

let failed = 0;
for (const project of projects) {
  const result = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", project], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    failed++;
    console.error(`typecheck failed: ${project}`);
  }
}
console.log(`typecheck: ${projects.length - failed} of ${projects.length} projects clean`);
process.exit(failed === 0 ? 0 : 1);
