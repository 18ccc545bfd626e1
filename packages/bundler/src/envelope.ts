/**
 * Wraps a built bundle in the runtime envelope (primitives/src/wasm/envelope.ts, decision 0006)
 * when the runtime asks for one by declaring `wasmAnswers`: the runtime calls a Wasm host makes
 * itself and the storage keys that answer them. The version sections come from the bundle's own
 * `Core_version`.
 */
import { RuntimeVersionCodec } from "@canary/frame";
import { buildRuntimeEnvelope } from "@canary/primitives";
import { BundlerError } from "./errors.ts";
import { evaluateBundle } from "./evaluate.ts";

/**
 * The metadata calls as constants (metadata is fixed at build): light clients' JSON-RPC servers
 * (smoldot's, for polkadot-api) run them in Wasm to learn the runtime's types. Version 15, the
 * newest this runtime serves, is what `Metadata_metadata_versions` lists last.
 */
function metadata(
  bundle: NonNullable<ReturnType<typeof evaluateBundle>>,
): Array<{ entry: string; output: Uint8Array }> {
  try {
    const versions = bundle.call("Metadata_metadata_versions");
    return [
      { entry: "Metadata_metadata_versions", output: versions },
      {
        entry: "Metadata_metadata_at_version",
        output: bundle.call("Metadata_metadata_at_version", [15, 0, 0, 0]),
      },
      { entry: "Metadata_metadata", output: bundle.call("Metadata_metadata") },
    ];
  } catch {
    return []; // a runtime without metadata
  }
}

export function wrapInEnvelope(code: Uint8Array, entry: string): Uint8Array {
  const bundle = evaluateBundle(code, entry);
  const answers = bundle?.runtime.wasmAnswers;
  if (bundle === undefined || answers === undefined) return code;
  let runtimeVersion: Uint8Array;
  let apis: Array<[Uint8Array, number]>;
  try {
    runtimeVersion = bundle.call("Core_version");
    apis = RuntimeVersionCodec.dec(runtimeVersion).apis;
  } catch (cause) {
    throw new BundlerError(
      "RUNTIME_BUILD_FAILED",
      `cannot wrap ${entry} for Wasm hosts: its Core_version failed or is not a RuntimeVersion`,
      { cause },
    );
  }
  // The answers were made in the bundle's realm: copy them into this one.
  const copied = Array.from(answers, (a) => ({
    entry: String(a.entry),
    key: new Uint8Array(a.key),
    ...(a.skip === undefined ? {} : { skip: Number(a.skip) }),
    ...(a.fallback === undefined ? {} : { fallback: new Uint8Array(a.fallback) }),
  }));
  return buildRuntimeEnvelope({
    bundle: code,
    runtimeVersion,
    apis,
    answers: copied,
    constants: metadata(bundle),
  });
}
