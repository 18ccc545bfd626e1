/** The relay runtime's version (`Core_version`, `System.Version`). */
import type { RuntimeVersion } from "@canary/frame";

export const SPEC_NAME = "canary";
export const SPEC_VERSION = 1_000;

export interface VersionOverrides {
  /** A later release (tests build upgrade bundles with a higher value). */
  specVersion?: number;
  specName?: string;
}

export function relayVersion(apis: Array<[Uint8Array, number]>, o: VersionOverrides = {}): RuntimeVersion {
  return {
    spec_name: o.specName ?? SPEC_NAME,
    impl_name: "canary-node",
    authoring_version: 1,
    spec_version: o.specVersion ?? SPEC_VERSION,
    impl_version: 0,
    apis,
    transaction_version: 1,
    // Kusama's: storage in trie version 1, the extrinsics root in version 0 (RFC-0042).
    system_version: 1,
  };
}
