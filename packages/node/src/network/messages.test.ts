import { concatBytes, Header, toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { type BlockRequest, FIELD_BODY, FIELD_HEADER, FIELD_JUSTIFICATION } from "../sync/blockRequests.ts";
import {
  BlockAnnounce,
  BlockAnnouncesHandshake,
  decodeBlockRequest,
  decodeBlockResponse,
  encodeBlockRequest,
  encodeBlockResponse,
  protocolNames,
} from "./messages.ts";
import { Reputation } from "./reputation.ts";

const hash = new Uint8Array(32).fill(0xab);

describe("sync/2 messages", () => {
  it("encodes a block request as prost does: attributes in the top byte, defaults left out", () => {
    const req: BlockRequest = {
      fields: FIELD_HEADER | FIELD_BODY | FIELD_JUSTIFICATION,
      from: { hash },
      direction: "Ascending",
      maxBlocks: 64,
    };
    // field 1 varint 0x13000000; field 2 bytes(32); field 6 varint 64. Direction 0 is the default.
    const expected = `0x0880808098011220${"ab".repeat(32)}3040`;
    expect(toHex(encodeBlockRequest(req))).toBe(expected);
    expect(decodeBlockRequest(encodeBlockRequest(req))).toEqual(req);
    const byNumber: BlockRequest = { ...req, from: { number: 258 }, direction: "Descending" };
    // number as SCALE u32 (LE), direction 1.
    expect(toHex(encodeBlockRequest(byNumber))).toBe("0x0880808098011a04020100002801" + "3040");
    expect(decodeBlockRequest(encodeBlockRequest(byNumber))).toEqual(byNumber);
  });

  it("round-trips a response, empty justifications included, and skips fields it does not know", () => {
    const blocks = [
      { hash, header: new Uint8Array([1, 2]), body: [new Uint8Array([4, 9, 9]), new Uint8Array([0])] },
      { hash: new Uint8Array(32), justification: new Uint8Array() },
      { hash: new Uint8Array(32).fill(1), justification: new Uint8Array([7]) },
    ];
    const bytes = encodeBlockResponse(blocks);
    expect(decodeBlockResponse(bytes)).toEqual(blocks);
    // An unknown field 15 (varint) in front is skipped.
    expect(decodeBlockResponse(new Uint8Array([0x78, 0x05, ...bytes]))).toEqual(blocks);
  });

  it("refuses malformed requests and responses with a clear error", () => {
    const bad: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array([0x08]), /undecodable BlockRequest/], // a key with no value
      [new Uint8Array([0x08, 0x01]), /no starting block/],
      [new Uint8Array([0x12, 0x02, 1, 2]), /BlockRequest/], // a 2-byte hash
      [new Uint8Array([0x12, 0x20, 1]), /undecodable BlockRequest/], // truncated
      [new Uint8Array([0x1a, 0x04, 0, 0, 0, 0, 0x28, 0x07]), /direction 7/],
    ];
    for (const [bytes, message] of bad) {
      expect(() => decodeBlockRequest(bytes)).toThrow(message);
    }
    expect(() => decodeBlockResponse(new Uint8Array([0x0a, 0x05, 0x12]))).toThrow(
      /undecodable BlockResponse/,
    );
    expect(() => decodeBlockResponse(new Uint8Array([0x0a, 0x00]))).toThrow(/without its hash/);
  });
});

describe("block announces", () => {
  it("names protocols after the genesis hash and encodes handshake and announce in SCALE", () => {
    expect(protocolNames(hash).blockAnnounces).toBe(`/${"ab".repeat(32)}/block-announces/1`);
    expect(protocolNames(hash).sync).toBe(`/${"ab".repeat(32)}/sync/2`);
    const hs = { roles: 4, bestNumber: 7, bestHash: hash, genesisHash: new Uint8Array(32) };
    const bytes = BlockAnnouncesHandshake.enc(hs);
    expect(toHex(bytes.subarray(0, 5))).toBe("0x0407000000"); // roles u8, best number u32 LE
    expect(bytes.length).toBe(69);
    const header = { parentHash: hash, number: 3, stateRoot: hash, extrinsicsRoot: hash, digest: [] };
    // As Polkadot sends it and smoldot decodes it: header, is_best 01, empty data 00, no Option tags.
    const announce = BlockAnnounce.enc({ header, state: "Best", data: new Uint8Array() });
    const headerBytes = Header.enc(header);
    expect(toHex(announce)).toBe(toHex(concatBytes(headerBytes, Uint8Array.of(1, 0))));
  });

  it("decodes each form Substrate sends, and refuses a bad state or trailing bytes", () => {
    const header = { parentHash: hash, number: 3, stateRoot: hash, extrinsicsRoot: hash, digest: [] };
    const h = Header.enc(header);
    expect(BlockAnnounce.dec(h)).toEqual({ header });
    expect(BlockAnnounce.dec(concatBytes(h, Uint8Array.of(0)))).toEqual({ header, state: "Normal" });
    expect(BlockAnnounce.dec(concatBytes(h, Uint8Array.of(1, 8, 0xaa, 0xbb)))).toEqual({
      header,
      state: "Best",
      data: Uint8Array.of(0xaa, 0xbb),
    });
    expect(() => BlockAnnounce.dec(concatBytes(h, Uint8Array.of(2)))).toThrow(/neither Normal/);
    expect(() => BlockAnnounce.dec(concatBytes(h, Uint8Array.of(1, 0, 7)))).toThrow();
    expect(() => BlockAnnounce.dec(concatBytes(h, Uint8Array.of(1, 8, 0xaa)))).toThrow();
  });
});

describe("reputation", () => {
  it("bans below the threshold for a while, and forgives with time", () => {
    let now = 0;
    const rep = new Reputation(() => now);
    expect(rep.report("a", -100_000)).toBe(false);
    expect(rep.report("a", -100_000)).toBe(false);
    expect(rep.score("a")).toBe(-200_000);
    now += 60_000; // one half-life
    expect(rep.score("a")).toBe(-100_000);
    expect(rep.report("a", -1_000_000)).toBe(true);
    expect(rep.isBanned("a")).toBe(true);
    expect(rep.isBanned("b")).toBe(false);
    now += 60_001;
    expect(rep.isBanned("a")).toBe(false);
  });
});
