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
  RuntimeVersionCodec,
} from "@canary/frame";
import { u8, u32 } from "@canary/primitives";
import { setAccountEventSink } from "./accounts.ts";
import { calls } from "./calls.ts";
import { systemConfig } from "./config.ts";
import { errors } from "./errors.ts";
import { events } from "./events.ts";
import { buildGenesis, type SystemGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { storage } from "./storage.ts";

export const System = definePallet({
  name: "System",
  storage,
  calls,
  events,
  errors,
  hooks,
  genesis: { build: (config: SystemGenesis) => buildGenesis(config) },
  constants: {
    BlockWeights: constant(BlockWeightsCodec, () => blockWeightsValue(systemConfig().limits), [
      "Block & extrinsics weights: base values and limits.",
    ]),
    BlockLength: constant(BlockLengthCodec, () => blockLengthValue(systemConfig().limits), [
      "The maximum length of a block (in bytes).",
    ]),
    BlockHashCount: constant(u32, () => systemConfig().blockHashCount, [
      "Maximum number of block number to block hash mappings to keep (oldest pruned first).",
    ]),
    DbWeight: constant(DbWeightCodec, DB_WEIGHT, [
      "The weight of runtime database operations the runtime can invoke.",
    ]),
    Version: constant(RuntimeVersionCodec, () => systemConfig().version, [
      "Get the chain's in-code version.",
    ]),
    SS58Prefix: constant(u8, () => systemConfig().ss58Prefix, ["The designated SS58 prefix of this chain."]),
  },
  docs: ["The System pallet provides low-level access to core types and cross-cutting utilities."],
});

setAccountEventSink((name, account) => System.emit(name, { account }));

export * from "./accounts.ts";
export * from "./block.ts";
export * from "./config.ts";
export { executiveSystem } from "./executive.ts";
export type { SystemGenesis } from "./genesis.ts";
export { storage as systemStorage, WELL_KNOWN_KEYS } from "./storage.ts";
export * from "./types.ts";
