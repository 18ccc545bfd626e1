/**
 * The runtime calls light clients make in their own Wasm VM (reference/light-client.md item 6),
 * answered in the runtime envelope by reading storage this runtime keeps: BABE's configuration and
 * epochs (kept by the Babe pallet, pallets/src/babe/lightClient.ts), GRANDPA's authority list
 * (`:grandpa_authorities`, less its version byte) and set id (`Grandpa::CurrentSetId`).
 */
import { BABE_ANSWER_KEYS } from "@canary/pallets";
import { storagePrefix, u64, type WasmAnswer, WELL_KNOWN_KEYS } from "@canary/primitives";

export const WASM_ANSWERS: readonly WasmAnswer[] = [
  { entry: "BabeApi_configuration", key: BABE_ANSWER_KEYS.configuration },
  { entry: "BabeApi_current_epoch", key: BABE_ANSWER_KEYS.currentEpoch },
  { entry: "BabeApi_next_epoch", key: BABE_ANSWER_KEYS.nextEpoch },
  { entry: "GrandpaApi_grandpa_authorities", key: WELL_KNOWN_KEYS.grandpaAuthorities, skip: 1 },
  {
    entry: "GrandpaApi_current_set_id",
    key: storagePrefix("Grandpa", "CurrentSetId"),
    fallback: u64.enc(0n),
  },
];
