/** `sp_session::SessionKeys` v1: the runtime's session keys, generated in the node's keystore. */
import { Bytes, Option, Tuple, Vec } from "@canary/primitives";
import { KeyTypeIdCodec } from "../apiTypes.ts";
import { declareApi, fn } from "../runtimeApi.ts";

/** `decode_session_keys` output: `Option<Vec<(Vec<u8>, KeyTypeId)>>`. */
export const SessionKeysOutput = Option(Vec(Tuple(Bytes, KeyTypeIdCodec)));

export const SessionKeysApi = declareApi("SessionKeys", 1, {
  /** New keys in the node's keystore (from `seed`, a SURI, when given); their publics concatenated. */
  generate_session_keys: fn([["seed", Option(Bytes)]], Bytes),
  /** Splits encoded session keys into (public key, key type); none if they are not this runtime's. */
  decode_session_keys: fn([["encoded", Bytes]], SessionKeysOutput),
});
