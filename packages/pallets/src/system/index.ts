/**
 * frame_system for Canary: accounts and their reference counts, the block's number, parent hash,
 * digest and events, extrinsic bookkeeping, remarks, and runtime-code upgrades.
 */
import {
  BlockLengthCodec,
  BlockWeightsCodec,
  blockLengthValue,
  blockWeightsValue,
  constant,
  DB_WEIGHT,
  DbWeightCodec,
  definePallet,
  type PalletInstance,
  RuntimeVersionCodec,
} from "@canary/frame";
import { u8, u32 } from "@canary/primitives";
import { accounts } from "./accounts.ts";
import { block } from "./block.ts";
import { calls } from "./calls.ts";
import type { SystemSelf } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { executiveSystem } from "./executive.ts";
import { buildGenesis, type SystemGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

/** What System offers the runtime and other pallets. */
function api(self: SystemSelf) {
  const b = block(self);
  const a = accounts(self);
  return { ...a, ...b, executive: executiveSystem(self, b, a) };
}

export const System = definePallet({
  name: "System",
  storage,
  events,
  errors,
  docs: ["The System pallet provides low-level access to core types and cross-cutting utilities."],
  build: (self: SystemSelf) => {
    const offered = api(self);
    return {
      calls: calls(self, offered),
      hooks,
      genesis: { build: (config: SystemGenesis) => buildGenesis(self, config) },
      api: offered,
      constants: {
        BlockWeights: constant(BlockWeightsCodec, () => blockWeightsValue(self.config.limits), [
          "Block & extrinsics weights: base values and limits.",
        ]),
        BlockLength: constant(BlockLengthCodec, () => blockLengthValue(self.config.limits), [
          "The maximum length of a block (in bytes).",
        ]),
        BlockHashCount: constant(u32, () => self.config.blockHashCount, [
          "Maximum number of block number to block hash mappings to keep (oldest pruned first).",
        ]),
        DbWeight: constant(DbWeightCodec, DB_WEIGHT, [
          "The weight of runtime database operations the runtime can invoke.",
        ]),
        Version: constant(RuntimeVersionCodec, () => self.config.version(), [
          "Get the chain's in-code version.",
        ]),
        SS58Prefix: constant(u8, () => self.config.ss58Prefix, ["The designated SS58 prefix of this chain."]),
      },
    };
  },
});

export type SystemApi = ReturnType<typeof api>;
export type SystemInstance = PalletInstance<SystemSelf, SystemApi>;

export { WELL_KNOWN_KEYS } from "@canary/primitives";
export type { DecRefStatus, IncRefStatus } from "./accounts.ts";
export { MAX_CONSUMERS } from "./accounts.ts";
export { type SystemConfig, type SystemSelf, systemDefaults } from "./config.ts";
export type { SystemGenesis } from "./genesis.ts";
export * from "./types.ts";
