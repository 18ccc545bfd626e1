/**
 * The built-in chains a node can start (`--chain dev|local`): their ids, names, properties and
 * the runtime genesis preset they are built from.
 */
import { CanaryError } from "@canary/primitives";

export interface ChainSpec {
  id: string;
  name: string;
  /** The runtime's GenesisBuilder preset. */
  preset: string;
  chainType: "Development" | "Local" | "Live";
  /** What `system_properties` answers (as Kusama's spec). */
  properties: { ss58Format: number; tokenDecimals: number; tokenSymbol: string };
  /** sr25519 dev accounts (by SURI) that author blocks. */
  authorities: string[];
}

const PROPERTIES = { ss58Format: 2, tokenDecimals: 12, tokenSymbol: "KSM" };

export const BUILT_IN_CHAINS: Record<string, ChainSpec> = {
  dev: {
    id: "canary_dev",
    name: "Canary Development",
    preset: "development",
    chainType: "Development",
    properties: PROPERTIES,
    authorities: ["//Alice"],
  },
  local: {
    id: "canary_local",
    name: "Canary Local Testnet",
    preset: "local_testnet",
    chainType: "Local",
    properties: PROPERTIES,
    authorities: ["//Alice"],
  },
};

export function builtInChain(name: string): ChainSpec {
  const spec = Object.hasOwn(BUILT_IN_CHAINS, name) ? BUILT_IN_CHAINS[name] : undefined;
  if (!spec) {
    throw new CanaryError(
      "NODE_UNKNOWN_CHAIN",
      `unknown chain "${name}": use one of ${Object.keys(BUILT_IN_CHAINS).join(", ")}`,
    );
  }
  return spec;
}
