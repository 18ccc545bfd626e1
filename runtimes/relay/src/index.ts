/**
 * The Canary relay runtime: composition, APIs and genesis. `createRelayRuntime` builds it and
 * returns what the bundle exports to the host; the bundle's entry (main.ts) installs it.
 */
import { type RuntimeApis, type RuntimeExports, type RuntimeVersion, withHost } from "@canary/frame";
import { CanaryError } from "@canary/primitives";
import { relayApis } from "./apis.ts";
import { METADATA_HASH_PARAMS } from "./metadataHash.ts";
import { type ComposeOptions, composeRelay, type Relay } from "./runtime.ts";
import { relayVersion, type VersionOverrides } from "./version.ts";
import { WASM_ANSWERS } from "./wasmAnswers.ts";

export interface RelayRuntime extends Relay {
  apis: RuntimeApis;
  exports: RuntimeExports;
  version: RuntimeVersion;
}

export function createRelayRuntime(
  overrides: VersionOverrides = {},
  options: ComposeOptions = {},
): RelayRuntime {
  let version: RuntimeVersion | undefined;
  const relay = composeRelay(() => {
    if (!version)
      throw new CanaryError("RELAY_NO_VERSION", "the relay's version was read before its APIs were declared");
    return version;
  }, options);
  const apis = relayApis(relay, () => version as RuntimeVersion);
  version = relayVersion(apis.versions(), overrides);
  const exports: RuntimeExports = {
    call: (method, input, host) => withHost(host, () => apis.call(method, input)),
    metadataHashParams: METADATA_HASH_PARAMS,
    wasmAnswers: WASM_ANSWERS,
  };
  return { ...relay, apis, exports, version };
}

export * from "./constants.ts";
export * from "./devAccounts.ts";
export { DEV_PRESET, LAUNCH_PRESET, LOCAL_PRESET } from "./genesis.ts";
export { TIMESTAMP_INHERENT_ID } from "./inherents.ts";
export { builtMetadataHash, METADATA_HASH_PARAMS } from "./metadataHash.ts";
export { TREASURY_ACCOUNT } from "./runtime.ts";
export { SESSION_KEYS } from "./sessionKeys.ts";
export { SPEC_NAME, SPEC_VERSION, type VersionOverrides } from "./version.ts";
