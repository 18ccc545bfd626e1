/** Header digest items (`sp_runtime::generic::digest`): consensus engines' logs and seals. */
import { Bytes, FixedBytes } from "./scale/bytes.ts";
import type { Codec, FieldDesc } from "./scale/codec.ts";
import { Enum, mapCodec, Struct, Vec } from "./scale/composite.ts";

/** A 4-byte `ConsensusEngineId`. */
export type EngineId = Uint8Array;

// ASCII "BABE", "FRNK", "BEEF" (no TextEncoder in runtime code).
export const BABE_ENGINE_ID: EngineId = Uint8Array.of(0x42, 0x41, 0x42, 0x45);
export const GRANDPA_ENGINE_ID: EngineId = Uint8Array.of(0x46, 0x52, 0x4e, 0x4b);
export const BEEFY_ENGINE_ID: EngineId = Uint8Array.of(0x42, 0x45, 0x45, 0x46);

/** The payload of PreRuntime, Consensus and Seal: which engine it is for, and opaque data. */
export interface EngineLog {
  engine: EngineId;
  data: Uint8Array;
}

export type DigestItem =
  | { tag: "PreRuntime"; value: EngineLog }
  | { tag: "Consensus"; value: EngineLog }
  | { tag: "Seal"; value: EngineLog }
  | { tag: "Other"; value: Uint8Array }
  | { tag: "RuntimeEnvironmentUpdated" };

export const ConsensusEngineId: Codec<EngineId> = FixedBytes(4, "ConsensusEngineId");

const engineLog = Struct({ engine: ConsensusEngineId, data: Bytes }, "DigestItem");

const engineFields: FieldDesc[] = [
  { type: ConsensusEngineId.desc, typeName: "ConsensusEngineId" },
  { type: Bytes.desc, typeName: "Vec<u8>" },
];

// Declaration order and field shapes as Substrate's TypeInfo, so generated metadata matches Kusama's.
export const DigestItem: Codec<DigestItem> = mapCodec(
  Enum(
    {
      PreRuntime: [6, engineLog],
      Consensus: [4, engineLog],
      Seal: [5, engineLog],
      Other: [0, Bytes],
      RuntimeEnvironmentUpdated: [8],
    },
    "DigestItem",
  ),
  (v): DigestItem => v,
  (v) => v,
  "DigestItem",
  {
    kind: "variant",
    path: ["sp_runtime", "generic", "digest", "DigestItem"],
    variants: [
      { name: "PreRuntime", index: 6, fields: engineFields },
      { name: "Consensus", index: 4, fields: engineFields },
      { name: "Seal", index: 5, fields: engineFields },
      { name: "Other", index: 0, fields: [{ type: Bytes.desc, typeName: "Vec<u8>" }] },
      { name: "RuntimeEnvironmentUpdated", index: 8, fields: [] },
    ],
  },
);

const digestLogs = Vec(DigestItem, "Digest.logs");

/** `Digest { logs: Vec<DigestItem> }`, carried as the bare list of items. */
export const Digest: Codec<DigestItem[]> = mapCodec(
  digestLogs,
  (v) => v,
  (v) => v,
  "Digest",
  {
    kind: "composite",
    path: ["sp_runtime", "generic", "digest", "Digest"],
    fields: [{ name: "logs", type: digestLogs.desc, typeName: "Vec<DigestItem>" }],
  },
);

export const preRuntimeItem = (engine: EngineId, data: Uint8Array): DigestItem => ({
  tag: "PreRuntime",
  value: { engine, data },
});
export const consensusItem = (engine: EngineId, data: Uint8Array): DigestItem => ({
  tag: "Consensus",
  value: { engine, data },
});
export const sealItem = (engine: EngineId, data: Uint8Array): DigestItem => ({
  tag: "Seal",
  value: { engine, data },
});
