/**
 * What the runtime supplies to System, and what System's parts receive: the instance with its
 * configuration and storage. Defaults are Kusama's (reference/kusama-runtime.md §6–7).
 */
import {
  type BlockLimits,
  blockLimits,
  type PalletSelf,
  type RuntimeVersion,
  type StorageOf,
} from "@canary/frame";
import type { errors } from "./errors.ts";
import type { events } from "./events.ts";
import type { storage } from "./storage.ts";

export interface SystemConfig {
  /** How many recent block hashes `BlockHash` keeps (and the longest mortal era). */
  blockHashCount: number;
  ss58Prefix: number;
  /** The runtime's version; a function since it lists the runtime's APIs, known after composition. */
  version: () => RuntimeVersion;
  /** Block weight and length limits per dispatch class (the executive enforces the same). */
  limits: BlockLimits;
}

export function systemDefaults(version: () => RuntimeVersion): SystemConfig {
  return { blockHashCount: 4096, ss58Prefix: 2, version, limits: blockLimits() };
}

export type SystemSelf = PalletSelf<SystemConfig, StorageOf<typeof storage>, typeof events, typeof errors>;
