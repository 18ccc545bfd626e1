import { blockHash, GRANDPA_ENGINE_ID, type Header, toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import type { BlockStore } from "../chain/index.ts";
import {
  FIELD_BODY,
  FIELD_HEADER,
  FIELD_JUSTIFICATION,
  MAX_BLOCKS_IN_RESPONSE,
} from "../sync/blockRequests.ts";
import { answerBlockRequest, MAX_BODY_BYTES } from "./blockServer.ts";
import {
  decodeBlockRequest,
  decodeBlockResponse,
  encodeBlockRequest,
  encodeBlockResponse,
} from "./messages.ts";

/** A straight chain of `n + 1` blocks (genesis included), each body one extrinsic of `size` bytes. */
function store(n: number, size = 1): BlockStore {
  const headers: Header[] = [];
  for (let i = 0; i <= n; i++) {
    const parentHash = i === 0 ? new Uint8Array(32) : blockHash(headers[i - 1]!);
    headers.push({
      parentHash,
      number: i,
      stateRoot: new Uint8Array(32),
      extrinsicsRoot: new Uint8Array(32),
      digest: [],
    });
  }
  const byHash = new Map(headers.map((h) => [toHex(blockHash(h)), h]));
  return {
    header: (hash: Uint8Array) => byHash.get(toHex(hash)),
    body: () => [new Uint8Array(size)],
    hashAt: (i: number) => (headers[i] ? blockHash(headers[i]) : undefined),
    // Block #2 has a GRANDPA justification and one of another engine.
    justifications: (hash: Uint8Array) =>
      byHash.get(toHex(hash))?.number === 2
        ? [
            [GRANDPA_ENGINE_ID, Uint8Array.of(7, 7)],
            [Uint8Array.of(66, 69, 69, 70), Uint8Array.of(9)],
          ]
        : undefined,
  } as unknown as BlockStore;
}

const numbers = (blocks: ReturnType<typeof answerBlockRequest>, s: BlockStore) =>
  blocks.map((b) => s.header(b.hash)!.number);

describe("answering block requests", () => {
  it("walks up by number or down through parents to genesis, with the fields asked for", () => {
    const s = store(10);
    const up = answerBlockRequest(s, {
      fields: FIELD_HEADER,
      from: { number: 8 },
      direction: "Ascending",
      maxBlocks: 5,
    });
    expect(numbers(up, s)).toEqual([8, 9, 10]);
    expect(up[0]!.header).toBeDefined();
    expect(up[0]!.body).toBeUndefined();
    const from = s.hashAt(2)!;
    const down = answerBlockRequest(s, {
      fields: FIELD_BODY,
      from: { hash: from },
      direction: "Descending",
      maxBlocks: 5,
    });
    expect(numbers(down, s)).toEqual([2, 1, 0]);
    expect(down[0]!.header).toBeUndefined();
    expect(down[0]!.body).toHaveLength(1);
  });

  it("answers an unknown start with nothing, and caps the count and the bodies' size", () => {
    const s = store(300, 1024 * 1024);
    const none = { fields: FIELD_HEADER, direction: "Ascending" as const, maxBlocks: 5 };
    expect(answerBlockRequest(s, { ...none, from: { number: 301 } })).toEqual([]);
    expect(answerBlockRequest(s, { ...none, from: { hash: new Uint8Array(32).fill(3) } })).toEqual([]);
    const all = answerBlockRequest(store(300), { ...none, from: { number: 1 }, maxBlocks: 0 });
    expect(all).toHaveLength(MAX_BLOCKS_IN_RESPONSE);
    const big = answerBlockRequest(s, {
      fields: FIELD_BODY,
      from: { number: 1 },
      direction: "Ascending",
      maxBlocks: 100,
    });
    expect(big).toHaveLength(MAX_BODY_BYTES / (1024 * 1024));
  });

  it("answers justifications in field 8 when the request sets field 7, else GRANDPA's in field 6", () => {
    const s = store(4);
    const ask = (multipleJustifications: boolean) => {
      const request = {
        fields: FIELD_HEADER | FIELD_JUSTIFICATION,
        from: { number: 1 },
        direction: "Ascending" as const,
        maxBlocks: 3,
        ...(multipleJustifications ? { multipleJustifications } : {}),
      };
      // Through the wire codecs both ways, as a peer sees it.
      const decoded = decodeBlockRequest(encodeBlockRequest(request));
      expect(decoded).toEqual(request);
      return decodeBlockResponse(encodeBlockResponse(answerBlockRequest(s, decoded)));
    };
    const multiple = ask(true);
    expect(multiple.map((b) => b.justifications?.length ?? 0)).toEqual([0, 2, 0]);
    expect(toHex(multiple[1]!.justifications![0]![0])).toBe(toHex(GRANDPA_ENGINE_ID));
    expect(multiple[1]!.justification).toBeUndefined();
    const legacy = ask(false);
    expect(toHex(legacy[1]!.justification!)).toBe("0x0707");
    expect(legacy[1]!.justifications).toBeUndefined();
  });
});
