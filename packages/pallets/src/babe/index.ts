/**
 * pallet_babe for Canary: BABE's slots and epochs on chain. Each block's claim (the pre-runtime
 * digest) sets the slot; epochs end after `epochDuration` slots and Session enacts the next one
 * with its authorities and randomness (seeded by the VRF outputs of primary blocks two epochs
 * earlier); `NextEpochData` logs tell nodes and light clients. Block production itself is the
 * node's (slot claims by VRF, reference/kusama-runtime.md §4.1).
 */
import { constant, definePallet, type PalletInstance } from "@canary/frame";
import { u32, u64 } from "@canary/primitives";
import { calls } from "./calls.ts";
import type { BabeSelf } from "./config.ts";
import { epochFns } from "./epoch.ts";
import { equivocationFns } from "./equivocation.ts";
import { errors } from "./errors.ts";
import { type BabeGenesis, buildGenesis } from "./genesis.ts";
import { hooks } from "./hooks.ts";
import { sessionHandler } from "./session.ts";
import { slotFns } from "./slot.ts";
import { storage } from "./storage.ts";

function api(self: BabeSelf) {
  const epoch = epochFns(self);
  const slots = slotFns(self);
  const equivocation = equivocationFns(self, slots.epochDuration);
  return { ...epoch, ...slots, sessionHandler: sessionHandler(epoch), equivocation };
}

export const Babe = definePallet({
  name: "Babe",
  storage,
  errors,
  docs: ["The BABE pallet: epochs, authorities and randomness of BABE block production."],
  build: (self: BabeSelf) => {
    const offered = api(self);
    return {
      calls: calls(self, offered.equivocation),
      hooks: hooks(offered),
      genesis: { build: (config: BabeGenesis) => buildGenesis(self, offered, config) },
      api: offered,
      constants: {
        EpochDuration: constant(u64, () => self.config.epochDuration, [
          "The amount of time, in slots, that each epoch should last.",
        ]),
        ExpectedBlockTime: constant(u64, () => self.config.expectedBlockTime, [
          "The expected average block time at which BABE should be creating",
          "blocks. Since BABE is probabilistic it is not trivial to figure out",
          "what the expected average block time should be based on the slot",
          "duration and the security parameter `c` (where `1 - c` represents",
          "the probability of a slot being empty).",
        ]),
        MaxAuthorities: constant(u32, 100_000, ["Max number of authorities allowed"]),
      },
    };
  },
});

export type BabeApi = ReturnType<typeof api>;
export type BabeInstance = PalletInstance<BabeSelf, BabeApi>;
export type { BabeConfig, BabeSelf } from "./config.ts";
export { BABE_KEY_TYPE, checkEquivocationProof } from "./equivocation.ts";
export type { BabeGenesis } from "./genesis.ts";
export { BABE_ANSWER_KEYS } from "./lightClient.ts";
export { BABE_PANICS } from "./slot.ts";
export * from "./types.ts";
