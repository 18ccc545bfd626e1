// No pallet folder may import itself in a circle (issue 9): a pallet's parts receive the instance
// instead of importing its declaration back. Type-only imports count too: a cycle of types is
// still a cycle a reader has to untangle.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const roots = ["packages/pallets/src"];

/** The local `.ts` files `file` imports (static `import`/`export ... from`, type-only included). */
function localImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of source.matchAll(/(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+\.ts)["']/g)) {
    out.push(normalize(join(dirname(file), m[1]!)));
  }
  return out;
}

/** The first cycle found among `files` (as a path of files), if any. */
function findCycle(files: string[]): string[] | undefined {
  const inFolder = new Set(files);
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === "done") return undefined;
    if (state.get(file) === "visiting") return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, "visiting");
    stack.push(file);
    for (const next of localImports(file)) {
      if (!inFolder.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, "done");
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

const problems: string[] = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root)) {
    const folder = join(root, name);
    if (!statSync(folder).isDirectory()) continue;
    const files = readdirSync(folder)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => join(folder, f));
    const cycle = findCycle(files);
    if (cycle)
      problems.push(`${folder}: import cycle ${cycle.map((f) => f.slice(folder.length + 1)).join(" -> ")}`);
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(
    "Break the cycle: give the part the instance (self) or a type from config.ts instead of importing index.ts.",
  );
  process.exit(1);
}
console.log("cycles: no pallet folder imports itself in a circle");
