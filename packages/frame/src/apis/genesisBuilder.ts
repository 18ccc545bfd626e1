/** `sp_genesis_builder::GenesisBuilder` v1: genesis state from JSON configs and named presets. */
import { Bytes, Option, Result, str, unit, Vec } from "@canary/primitives";
import { PresetIdCodec } from "../apiTypes.ts";
import { declareApi, fn } from "../runtimeApi.ts";

export const GenesisBuilderApi = declareApi("GenesisBuilder", 1, {
  /** Writes the genesis state of a full JSON config into storage, or says what is wrong with it. */
  build_state: fn([["json", Bytes]], Result(unit, str)),
  /** The JSON config of a preset (the default one when `id` is none), if it exists. */
  get_preset: fn([["id", Option(PresetIdCodec)]], Option(Bytes)),
  /** The names of the presets `get_preset` knows. */
  preset_names: fn([], Vec(PresetIdCodec)),
});
