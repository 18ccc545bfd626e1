/**
 * What the runtime supplies to System. Values default to Kusama's (reference/kusama-runtime.md
 * §6–7); a runtime calls `configureSystem` once at composition.
 */
import { type BlockLimits, blockLimits, type RuntimeVersion } from "@canary/frame";

export interface SystemConfig {
  /** How many recent block hashes `BlockHash` keeps (and the longest mortal era). */
  blockHashCount: number;
  ss58Prefix: number;
  version: RuntimeVersion;
  /** Block weight and length limits per dispatch class (the executive enforces the same). */
  limits: BlockLimits;
}

let config: SystemConfig = {
  blockHashCount: 4096,
  ss58Prefix: 2,
  version: {
    spec_name: "canary",
    impl_name: "canary-node",
    authoring_version: 1,
    spec_version: 1,
    impl_version: 0,
    apis: [],
    transaction_version: 1,
    system_version: 1,
  },
  limits: blockLimits(),
};

export function configureSystem(next: Partial<SystemConfig>): void {
  config = { ...config, ...next };
}

export function systemConfig(): SystemConfig {
  return config;
}
