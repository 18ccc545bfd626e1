/**
 * The runtime code of a built-in chain: the relay runtime as its sources build it now. A build
 * output (`npm run build:runtime`) is used when its manifest shows it was built from exactly these
 * sources, refused (RUNTIME_STALE_BUILD) when not; without one the sources are bundled in memory.
 * Nothing is written.
 */
import { join } from "node:path";
import { bundleRuntime, loadBuildOutput, REPO_ROOT } from "@canary/bundler";

/** Root-relative paths of the relay runtime's entry and of its build output. */
export const RELAY_ENTRY = "runtimes/relay/src/main.ts";
export const RELAY_BUILD_OUTPUT = "runtimes/relay/dist/canary_relay_runtime.wasm";

export interface RuntimeCodeOptions {
  /** The source tree (default: this checkout). */
  readonly root?: string;
}

export async function relayRuntimeCode(options: RuntimeCodeOptions = {}): Promise<Uint8Array> {
  const root = options.root ?? REPO_ROOT;
  const built = loadBuildOutput(join(root, RELAY_BUILD_OUTPUT), { root, rebuild: "npm run build:runtime" });
  if (built !== undefined) return built;
  return (await bundleRuntime(join(root, RELAY_ENTRY), { root })).code;
}
