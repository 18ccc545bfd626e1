import { blockHash, type Header, Header as HeaderCodec } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import type { BlockData, BlockRequest } from "./blockRequests.ts";
import { checkResponse } from "./checkResponse.ts";

const hash = new Uint8Array(32).fill(0xab);

describe("checking a block response", () => {
  const chain: Header[] = [];
  for (let n = 0; n < 4; n++) {
    const parentHash = n === 0 ? new Uint8Array(32) : blockHash(chain[n - 1]!);
    chain.push({ parentHash, number: n, stateRoot: hash, extrinsicsRoot: hash, digest: [] });
  }
  const data = (h: Header): BlockData => ({ hash: blockHash(h), header: HeaderCodec.enc(h), body: [] });
  const up: BlockRequest = { fields: 3, from: { number: 1 }, direction: "Ascending", maxBlocks: 3 };
  const down: BlockRequest = {
    fields: 3,
    from: { hash: blockHash(chain[3]!) },
    direction: "Descending",
    maxBlocks: 3,
  };

  it("accepts linked blocks that start where asked", () => {
    expect(checkResponse(up, chain.slice(1).map(data)).map((b) => b.header.number)).toEqual([1, 2, 3]);
    const desc = chain.slice(1).reverse().map(data);
    expect(checkResponse(down, desc).map((b) => b.header.number)).toEqual([3, 2, 1]);
    expect(checkResponse(up, [])).toEqual([]);
  });

  it("refuses what was not asked for", () => {
    const cases: Array<[BlockRequest, BlockData[], RegExp]> = [
      [up, chain.map(data), /4 blocks for a request of 3/],
      [up, [data(chain[2]!)], /not the one asked for/],
      [down, [data(chain[2]!)], /not the one asked for/],
      [up, [data(chain[1]!), data(chain[3]!)], /not parent and child/],
      [up, [{ ...data(chain[1]!), hash }], /does not hash to its hash/],
      [up, [{ hash: blockHash(chain[1]!) }], /has no header/],
      [up, [{ hash: blockHash(chain[1]!), header: new Uint8Array([1]) }], /undecodable block 0's header/],
    ];
    for (const [req, blocks, message] of cases) {
      expect(() => checkResponse(req, blocks)).toThrow(message);
    }
  });
});
