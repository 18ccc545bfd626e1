// Runtime-side packages must be deterministic (DESIGN.md §1, §3). Biome forbids the globals and
// Node imports; this check adds what Biome cannot express: float literals and float-producing Math.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const pureRoots = [
  "packages/primitives/src",
  "packages/trie/src",
  "packages/frame/src",
  "packages/pallets/src",
  "packages/npos/src",
];
if (existsSync("runtimes")) {
  for (const name of readdirSync("runtimes")) pureRoots.push(join("runtimes", name, "src"));
}

const rules: Array<[RegExp, string]> = [
  [/(?<![\w.])\d+\.\d+(?![\w.])/, "float literal"],
  [/\d(e|E)-\d/, "float exponent literal"],
  [/Math\.(random|sqrt|pow|log|exp|sin|cos|tan|atan|cbrt|hypot|fround)\b/, "float Math function"],
  [/\bparseFloat\b|\bNumber\.EPSILON\b/, "float parsing"],
  [/from\s+["']node:|import\(["']node:/, "Node module import"],
];

function* files(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.includes("/test/")) yield path;
  }
}

const problems: string[] = [];
for (const root of pureRoots) {
  for (const file of files(root)) {
    // Block comments are blanked (newlines kept, so line numbers stay right).
    readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
      .split("\n")
      .forEach((line, i) => {
        const code = line
          .replace(/\/\/.*$/, "")
          .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
        for (const [pattern, what] of rules) {
          if (pattern.test(code)) problems.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
        }
      });
  }
}
if (problems.length > 0) {
  console.error(`Runtime code must stay pure and deterministic:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("purity: runtime-side packages are clean");
