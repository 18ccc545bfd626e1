/**
 * Golden vectors: the Kusama transferKeepAlive that polkadot.js builds and signs, decoded, re-encoded
 * and signature-checked with our code; and our codecs' metadata descriptions against Kusama's.
 */

import { Keyring } from "@polkadot/keyring";
import { expandMetadata, Metadata, TypeRegistry } from "@polkadot/types";
import type { Block as PjsBlock, RuntimeVersion } from "@polkadot/types/interfaces";
import type { CallFunction } from "@polkadot/types/types";
import kusamaV15 from "@polkadot/types-support/metadata/v15/kusama-hex";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import { v15 } from "@polkadot-api/substrate-bindings";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { blockCodec } from "./block.ts";
import { Digest, DigestItem } from "./digest.ts";
import { Era, mortalEra } from "./era.ts";
import {
  decodeExtrinsic,
  Extrinsic,
  encodeExtrinsic,
  extrinsicHash,
  payloadToSign,
  signingPayload,
} from "./extrinsic.ts";
import { blake2_256 } from "./hashing.ts";
import { Hash256, Header } from "./header.ts";
import { concatBytes, fromHex, toHex } from "./hex.ts";
import type { TypeDesc } from "./scale/codec.ts";
import { CANARY_SIGNED_EXTENSIONS, type CanaryAdditional, canaryExtensions } from "./signedExtensions.ts";

const ALICE = DEV_ACCOUNT_IDS.Alice.publicKey;
const BOB = DEV_ACCOUNT_IDS.Bob.publicKey;
const KUSAMA_GENESIS = "0xb0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe";
const BIRTH_BLOCK_HASH = `0x${"11".repeat(32)}`;
const SPEC_VERSION = 0x000f656a;
const TX_VERSION = 26;

/** The 115-byte payload polkadot.js signs for transferKeepAlive(Bob, 12345), nonce 0, tip 0, era (64, 1). */
const GOLDEN_PAYLOAD =
  "0x0403008eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48e5c0" +
  "1500000000" +
  "6a650f00" +
  "1a000000" +
  "b0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe" +
  "1111111111111111111111111111111111111111111111111111111111111111" +
  "00";

// The stored hex is Option<OpaqueMetadata>: 0x01, a 4-byte compact length, then the metadata.
const metadataBytes = fromHex(kusamaV15).slice(5);

let registry: TypeRegistry;
let transferKeepAlive: CallFunction;
let remark: CallFunction;
let alicePair: ReturnType<Keyring["addFromUri"]>;

beforeAll(async () => {
  await cryptoWaitReady();
  await waitReady();
  registry = new TypeRegistry();
  const metadata = new Metadata(registry, metadataBytes);
  registry.setMetadata(metadata);
  const { tx } = expandMetadata(registry, metadata);
  transferKeepAlive = tx.balances!.transferKeepAlive!;
  remark = tx.system!.remark!;
  alicePair = new Keyring({ type: "sr25519" }).addFromUri("//Alice");
});

const additional = (): CanaryAdditional => ({
  specVersion: SPEC_VERSION,
  txVersion: TX_VERSION,
  genesisHash: fromHex(KUSAMA_GENESIS),
  birthHash: fromHex(BIRTH_BLOCK_HASH),
  metadataHash: undefined,
});

/** Signs `call` with Alice exactly as polkadot.js's Extrinsic.sign does, offline. */
function pjsSign(call: ReturnType<CallFunction>) {
  const xt = registry.createType("Extrinsic", call);
  xt.sign(alicePair, {
    era: registry.createType("ExtrinsicEra", { current: 1, period: 64 }),
    nonce: 0,
    tip: 0,
    blockHash: BIRTH_BLOCK_HASH,
    genesisHash: KUSAMA_GENESIS,
    // RuntimeVersionPartial has no transactionVersion field: it would silently sign tx version 0.
    runtimeVersion: registry.createType<RuntimeVersion>("RuntimeVersion", {
      specVersion: SPEC_VERSION,
      transactionVersion: TX_VERSION,
    }),
    signedExtensions: registry.signedExtensions,
  });
  return xt;
}

function pjsPayload(call: Uint8Array) {
  return registry
    .createType("ExtrinsicPayload", {
      method: toHex(call),
      era: "0x1500",
      nonce: 0,
      tip: 0,
      blockHash: BIRTH_BLOCK_HASH,
      genesisHash: KUSAMA_GENESIS,
      specVersion: SPEC_VERSION,
      transactionVersion: TX_VERSION,
      version: 4,
    })
    .toU8a({ method: true });
}

describe("Kusama transferKeepAlive(Bob, 12345) signed by polkadot.js", () => {
  it("has the documented layout and decodes field by field", () => {
    const xt = pjsSign(transferKeepAlive({ Id: BOB }, 12345));
    const bytes = xt.toU8a();
    const hex = toHex(bytes);
    expect(bytes.length).toBe(143); // compact(141) is 2 bytes
    expect(hex.slice(0, 2 + 2 * 37)).toBe(`0x350284 00${ALICE.slice(2)} 01`.replaceAll(" ", ""));
    expect(hex.slice(2 + 2 * 101)).toBe(`1500 00 00 00 0403 00${BOB.slice(2)} e5c0`.replaceAll(" ", ""));

    const ours = decodeExtrinsic(bytes);
    expect(ours.palletIndex).toBe(4);
    expect(ours.callIndex).toBe(3);
    expect(toHex(ours.call)).toBe(`0x040300${BOB.slice(2)}e5c0`);
    const signed = ours.signed!;
    expect(signed.address).toEqual({ tag: "Id", value: fromHex(ALICE) });
    expect(signed.signature.tag).toBe("Sr25519");
    expect(toHex(signed.signature.value)).toBe(toHex(bytes.subarray(37, 101)));
    expect(signed.extra).toEqual({ era: mortalEra(64, 1), nonce: 0, tip: 0n, metadataHashMode: 0 });
    expect(toHex(Era.enc(signed.extra.era))).toBe("0x1500");

    // Our encoder gives back the same bytes; our hash is polkadot.js's.
    expect(toHex(encodeExtrinsic(ours))).toBe(hex);
    expect(toHex(extrinsicHash(bytes))).toBe(xt.hash.toHex());
  });

  it("our 115-byte signing payload is polkadot.js's, and Alice's signature verifies over it", () => {
    const xt = pjsSign(transferKeepAlive({ Id: BOB }, 12345));
    const ours = decodeExtrinsic(xt.toU8a());
    const payload = signingPayload({ call: ours.call, extra: ours.signed!.extra, additional: additional() });
    expect(payload.length).toBe(115);
    expect(toHex(payload)).toBe(GOLDEN_PAYLOAD);
    expect(toHex(payload)).toBe(toHex(pjsPayload(ours.call)));

    const sig = ours.signed!.signature.value;
    expect(toHex(payloadToSign(payload))).toBe(toHex(payload)); // short payloads are signed as they are
    expect(sr25519Verify(sig, payloadToSign(payload), fromHex(ALICE))).toBe(true);
    const tampered = payload.slice();
    tampered[37] = tampered[37]! ^ 1; // the era byte after the 37-byte call
    expect(sr25519Verify(sig, payloadToSign(tampered), fromHex(ALICE))).toBe(false);
  });

  it("a payload over 256 bytes is signed through its blake2_256 (remark with 300 bytes)", () => {
    const xt = pjsSign(remark(toHex(new Uint8Array(300).fill(0x5a))) /* hex: raw bytes, not SCALE */);
    const ours = decodeExtrinsic(xt.toU8a());
    expect(ours.palletIndex).toBe(0);
    expect(ours.callIndex).toBe(0);
    const payload = signingPayload({ call: ours.call, extra: ours.signed!.extra, additional: additional() });
    expect(payload.length).toBe(2 + 2 + 300 + 5 + 8 + 64 + 1);
    expect(toHex(payload)).toBe(toHex(pjsPayload(ours.call)));
    expect(toHex(payloadToSign(payload))).toBe(toHex(blake2_256(payload)));
    const sig = ours.signed!.signature.value;
    expect(sr25519Verify(sig, payloadToSign(payload), fromHex(ALICE))).toBe(true);
    expect(sr25519Verify(sig, payload, fromHex(ALICE))).toBe(false);
  });

  it("a block holding it is what polkadot.js decodes as a Kusama block", () => {
    const xt = pjsSign(transferKeepAlive({ Id: BOB }, 12345)).toU8a();
    const header: Header = {
      parentHash: fromHex(BIRTH_BLOCK_HASH),
      number: 2,
      stateRoot: new Uint8Array(32).fill(0x22),
      extrinsicsRoot: new Uint8Array(32).fill(0x33),
      digest: [],
    };
    const Block = blockCodec(Extrinsic.desc);
    const bytes = Block.enc({ header, extrinsics: [xt] });
    const theirs = registry.createType<PjsBlock>("Block", bytes);
    expect(theirs.toHex()).toBe(toHex(bytes));
    expect(toHex(theirs.extrinsics[0]!.toU8a())).toBe(toHex(xt));
    expect(toHex(theirs.header.hash.toU8a())).toBe(toHex(blake2_256(Header.enc(header))));
    expect(toHex(concatBytes(...Block.dec(bytes).extrinsics))).toBe(toHex(xt));
  });
});

// ---- metadata descriptions against Kusama's v15 metadata ----

interface Norm {
  path?: string[];
  params?: Array<{ name: string; type?: Norm }>;
  def: unknown;
}

type PapiType = ReturnType<typeof v15.dec>["lookup"][number];

/** `withParams` false skips generic parameters (RuntimeCall is recursive). */
function normKusama(types: Map<number, PapiType>, id: number, withParams = true): Norm {
  const t = types.get(id)!;
  const field = (f: { name?: string; type: number; typeName?: string }) => ({
    ...(f.name !== undefined && { name: f.name }),
    ...(f.typeName !== undefined && { typeName: f.typeName }),
    type: normKusama(types, f.type),
  });
  const d = t.def;
  let def: unknown;
  if (d.tag === "composite") def = { composite: d.value.map(field) };
  else if (d.tag === "variant")
    def = { variant: d.value.map((v) => ({ name: v.name, index: v.index, fields: v.fields.map(field) })) };
  else if (d.tag === "sequence") def = { sequence: normKusama(types, d.value) };
  else if (d.tag === "array") def = { array: d.value.len, of: normKusama(types, d.value.type) };
  else if (d.tag === "tuple") def = { tuple: d.value.map((i) => normKusama(types, i)) };
  else if (d.tag === "primitive") def = { primitive: d.value.tag };
  else if (d.tag === "compact") def = { compact: normKusama(types, d.value) };
  else def = { other: d.tag };
  return {
    ...(t.path.length > 0 && { path: t.path }),
    ...(withParams &&
      t.params.length > 0 && {
        params: t.params.map((p) => ({
          name: p.name,
          ...(p.type !== undefined && { type: normKusama(types, p.type) }),
        })),
      }),
    def,
  };
}

function normOurs(d: TypeDesc): Norm {
  if (d.kind === "lazy") return normOurs(d.get());
  const field = (f: { name?: string; type: TypeDesc; typeName?: string }) => ({
    ...(f.name !== undefined && { name: f.name }),
    ...(f.typeName !== undefined && { typeName: f.typeName }),
    type: normOurs(f.type),
  });
  let def: unknown;
  if (d.kind === "composite") def = { composite: d.fields.map(field) };
  else if (d.kind === "variant")
    def = { variant: d.variants.map((v) => ({ name: v.name, index: v.index, fields: v.fields.map(field) })) };
  else if (d.kind === "sequence") def = { sequence: normOurs(d.inner) };
  else if (d.kind === "array") def = { array: d.len, of: normOurs(d.inner) };
  else if (d.kind === "tuple") def = { tuple: d.items.map(normOurs) };
  else if (d.kind === "primitive") def = { primitive: d.name };
  else def = { compact: normOurs(d.inner) };
  return {
    ...(d.path && d.path.length > 0 && { path: d.path }),
    ...(d.params &&
      d.params.length > 0 && {
        params: d.params.map((p) => ({
          name: p.name,
          ...(p.type !== undefined && { type: normOurs(p.type) }),
        })),
      }),
    def,
  };
}

describe("metadata descriptions match Kusama's", () => {
  const m = v15.dec(metadataBytes.slice(5)); // after "meta" and the version byte
  const types = new Map(m.lookup.map((t) => [t.id, t]));
  const byPath = (path: string) => {
    const found = m.lookup.find((t) => t.path.join("::") === path);
    if (!found) throw new Error(`${path} is not in Kusama's metadata`);
    return normKusama(types, found.id);
  };

  it("Header, Digest, DigestItem, Era, H256", () => {
    expect(normOurs(Header.desc)).toEqual(byPath("sp_runtime::generic::header::Header"));
    expect(normOurs(Digest.desc)).toEqual(byPath("sp_runtime::generic::digest::Digest"));
    expect(normOurs(DigestItem.desc)).toEqual(byPath("sp_runtime::generic::digest::DigestItem"));
    expect(normOurs(Era.desc)).toEqual(byPath("sp_runtime::generic::era::Era"));
    expect(normOurs(Hash256.desc)).toEqual(byPath("primitive_types::H256"));
  });

  it("signed extensions: identifiers, order, extra and additional types", () => {
    const theirs = m.extrinsic.signedExtensions;
    expect(CANARY_SIGNED_EXTENSIONS.map((e) => e.identifier)).toEqual(theirs.map((e) => e.identifier));
    CANARY_SIGNED_EXTENSIONS.forEach((e, i) => {
      expect(normOurs(e.extra.desc)).toEqual(normKusama(types, theirs[i]!.type));
      expect(normOurs(e.additionalSigned.desc)).toEqual(normKusama(types, theirs[i]!.additionalSigned));
    });
    expect(normOurs(canaryExtensions.extra.desc)).toEqual(normKusama(types, m.extrinsic.extra));
  });

  it("UncheckedExtrinsic and Block have Substrate's paths, params and fields", () => {
    // Not normalized whole: its Call parameter is the (recursive) RuntimeCall.
    const raw = m.lookup.find(
      (t) => t.path.join("::") === "sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic",
    )!;
    const ours = normOurs(Extrinsic.desc);
    expect(ours.path).toEqual(raw.path);
    expect(ours.params?.map((p) => p.name)).toEqual(raw.params.map((p) => p.name));
    expect(ours.def).toEqual(normKusama(types, raw.id, false).def);
    // Extra is ours to describe; Address and Signature come from account.ts (paths checked only).
    expect(ours.params?.[0]?.type?.path).toEqual(types.get(raw.params[0]!.type!)!.path);
    expect(ours.params?.[2]?.type?.path).toEqual(types.get(raw.params[2]!.type!)!.path);
    expect(ours.params?.[3]?.type).toEqual(normKusama(types, raw.params[3]!.type!));

    const block = normOurs(blockCodec(Extrinsic.desc).desc);
    const rawBlock = m.lookup.find((t) => t.path.join("::") === "sp_runtime::generic::block::Block")!;
    expect(block.path).toEqual(rawBlock.path);
    expect(block.params?.map((p) => p.name)).toEqual(rawBlock.params.map((p) => p.name));
    expect(block.params?.[0]?.type).toEqual(normKusama(types, rawBlock.params[0]!.type!));
    const ourFields = (block.def as { composite: Array<{ name: string; typeName: string }> }).composite;
    const theirFields = rawBlock.def.tag === "composite" ? rawBlock.def.value : [];
    expect(ourFields.map((f) => [f.name, f.typeName])).toEqual(theirFields.map((f) => [f.name, f.typeName]));
  });
});
