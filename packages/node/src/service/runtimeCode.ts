/**
 * The relay runtime bundle the node puts in genesis: the built file when present
 * (`npm run build:runtime`), otherwise built now from the sources, deterministically, and kept
 * for the next start.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { bundleRuntime, REPO_ROOT } from "../../../../scripts/bundleRuntime.ts";

export const RELAY_BUNDLE = join(REPO_ROOT, "runtimes/relay/dist/canary_relay_runtime.js");
const RELAY_ENTRY = join(REPO_ROOT, "runtimes/relay/src/main.ts");

export async function relayRuntimeCode(): Promise<Uint8Array> {
  if (existsSync(RELAY_BUNDLE)) return new Uint8Array(readFileSync(RELAY_BUNDLE));
  const { code } = await bundleRuntime(RELAY_ENTRY);
  mkdirSync(dirname(RELAY_BUNDLE), { recursive: true });
  writeFileSync(RELAY_BUNDLE, code);
  return code;
}
