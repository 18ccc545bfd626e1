import {
  AccountNonceApi,
  BabeApi,
  BlockBuilderApi,
  CoreApi,
  GenesisBuilderApi,
  GrandpaApi,
  MetadataApi,
  runtimeApiClient,
  SessionKeysApi,
  TaggedTransactionQueueApi,
  TransactionPaymentApi,
} from "@canary/frame";
import { MemoryHost } from "@canary/frame/testing";
import { decodeUtf8 } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { createRelayRuntime } from "./index.ts";
import { renderV15Apis } from "./test/renderApis.ts";
import recorded from "./test/v15Apis.json" with { type: "json" };

const relay = createRelayRuntime();
const host = new MemoryHost();
const invoke = (entry: string, input: Uint8Array) => relay.exports.call(entry, input, host);

describe("the relay's runtime APIs", () => {
  it("keep the V15 metadata of their APIs as recorded (names, versions, arguments, types)", () => {
    const v15 = runtimeApiClient(MetadataApi, invoke).metadata_at_version(15);
    expect(v15).toBeDefined();
    expect(renderV15Apis(v15!)).toEqual(recorded);
  });

  it("implement exactly the declarations the host's clients are made from", () => {
    const host = [
      CoreApi,
      MetadataApi,
      BlockBuilderApi,
      TaggedTransactionQueueApi,
      AccountNonceApi,
      TransactionPaymentApi,
      GrandpaApi,
      BabeApi,
      SessionKeysApi,
      GenesisBuilderApi,
    ];
    const shape = (
      name: string,
      version: number,
      methods: Record<string, { inputs: readonly (readonly [string, unknown])[] }>,
    ) => ({
      name,
      version,
      methods: Object.entries(methods).map(([m, d]) => [m, d.inputs.map(([n]) => n)]),
    });
    expect(relay.apis.apis.map(({ decl }) => shape(decl.name, decl.version, decl.methods))).toEqual(
      host.map((d) => shape(d.name, d.version, d.methods)),
    );
  });

  it("answer the host's typed clients", () => {
    const version = runtimeApiClient(CoreApi, invoke).version();
    expect(version.spec_name).toBe("canary");
    expect(version.apis).toEqual(relay.apis.versions());
    expect(runtimeApiClient(MetadataApi, invoke).metadata_versions()).toEqual([14, 15]);
    const names = runtimeApiClient(GenesisBuilderApi, invoke).preset_names();
    expect(names.map(decodeUtf8)).toContain("development");
    expect(runtimeApiClient(SessionKeysApi, invoke).decode_session_keys(new Uint8Array(3))).toBeUndefined();
  });
});
