/**
 * The runtime calls light clients make in their own Wasm VM (reference/light-client.md item 6),
 * answered in the runtime envelope by reading storage this runtime keeps: GRANDPA's authority
 * list (`:grandpa_authorities`, less its version byte) and set id (`Grandpa::CurrentSetId`).
 */
import { storagePrefix, u64, type WasmAnswer, WELL_KNOWN_KEYS } from "@canary/primitives";

export const WASM_ANSWERS: readonly WasmAnswer[] = [
  { entry: "GrandpaApi_grandpa_authorities", key: WELL_KNOWN_KEYS.grandpaAuthorities, skip: 1 },
  {
    entry: "GrandpaApi_current_set_id",
    key: storagePrefix("Grandpa", "CurrentSetId"),
    fallback: u64.enc(0n),
  },
];
