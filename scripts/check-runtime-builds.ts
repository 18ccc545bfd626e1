// Any runtime build output present (runtimes/*/dist, gitignored) must be what its sources build:
// its manifest's sources unchanged, and a build now giving the same inputs and bytes. A clean
// clone has none, and passes.
import { findBuildOutputs, verifyBuildOutput } from "@canary/bundler";

const root = process.cwd();
const problems: string[] = [];
const outputs = findBuildOutputs(root);
for (const file of outputs) {
  const status = await verifyBuildOutput(file, { root });
  if (status.state === "stale") problems.push(`${file}: ${status.reason}`);
}
if (problems.length > 0) {
  console.error(
    `Runtime build outputs do not match their sources:\n${problems.join("\n")}\n` +
      "Run `npm run build:runtime` to rebuild them, or delete them.",
  );
  process.exit(1);
}
console.log(
  `runtime builds: ${outputs.length === 0 ? "none present" : `${outputs.length} match their sources`}`,
);
