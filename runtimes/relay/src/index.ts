/**
 * The Canary relay runtime: composition, APIs and genesis. `createRelayRuntime` builds it and
 * returns what the bundle exports to the host; the bundle's entry (main.ts) installs it.
 */
import { type RuntimeApis, type RuntimeExports, withHost } from "@canary/frame";
import { configureSystem } from "@canary/pallets";
import { relayApis } from "./apis.ts";
import { composeRelay, type Relay } from "./runtime.ts";
import { relayVersion, type VersionOverrides } from "./version.ts";

export interface RelayRuntime extends Relay {
  apis: RuntimeApis;
  exports: RuntimeExports;
}

export function createRelayRuntime(overrides: VersionOverrides = {}): RelayRuntime {
  const relay = composeRelay();
  const apis = relayApis(relay);
  configureSystem({ version: relayVersion(apis.versions(), overrides) });
  const exports: RuntimeExports = {
    call: (method, input, host) => withHost(host, () => apis.call(method, input)),
  };
  return { ...relay, apis, exports };
}

export * from "./constants.ts";
export * from "./devAccounts.ts";
export { DEV_PRESET, LOCAL_PRESET } from "./genesis.ts";
export { TIMESTAMP_INHERENT_ID } from "./inherents.ts";
export { PALLETS } from "./runtime.ts";
export { SESSION_KEYS } from "./sessionKeys.ts";
export { SPEC_NAME, SPEC_VERSION, type VersionOverrides } from "./version.ts";
