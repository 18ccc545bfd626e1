import {
  type Block,
  blockHash,
  bytesEqual,
  DecodeError,
  decodeExact,
  GRANDPA_ENGINE_ID,
  Header,
} from "@canary/primitives";
import type { BlockRequest, BlockResponse } from "./blockRequests.ts";
import { SyncError } from "./errors.ts";

/** A block from a peer, with the GRANDPA justification it came with (field 8's `FRNK`, or field 6). */
export interface SyncedBlock extends Block {
  justification?: Uint8Array;
}

/** The blocks of a response, checked against the request: hashes, headers, bodies, links. */
export function checkResponse(request: BlockRequest, response: BlockResponse): SyncedBlock[] {
  const bad = (what: string, cause?: unknown) =>
    new SyncError("NETWORK_BAD_RESPONSE", `block response: ${what}`, { cause });
  if (response.length > Math.max(request.maxBlocks, 1))
    throw bad(`${response.length} blocks for a request of ${request.maxBlocks}`);
  const blocks = response.map((data, i): SyncedBlock => {
    if (!data.header) throw bad(`block ${i} has no header`);
    let header: Header;
    try {
      header = decodeExact(Header, data.header, `block ${i}'s header`);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      throw bad(`undecodable block ${i}'s header: ${e.message}`, e);
    }
    if (!bytesEqual(blockHash(header), data.hash)) throw bad(`block ${i}'s header does not hash to its hash`);
    const justification =
      data.justifications?.find(([engine]) => bytesEqual(engine, GRANDPA_ENGINE_ID))?.[1] ??
      (data.justification?.length ? data.justification : undefined);
    return { header, extrinsics: data.body ?? [], ...(justification ? { justification } : {}) };
  });
  const first = blocks[0];
  if (first) {
    const from = request.from;
    const matches =
      "hash" in from ? bytesEqual(blockHash(first.header), from.hash) : first.header.number === from.number;
    if (!matches) throw bad("the first block is not the one asked for");
  }
  for (let i = 1; i < blocks.length; i++) {
    const [a, b] = [blocks[i - 1]!, blocks[i]!];
    const linked =
      request.direction === "Ascending"
        ? bytesEqual(b.header.parentHash, blockHash(a.header))
        : bytesEqual(a.header.parentHash, blockHash(b.header));
    if (!linked) throw bad(`blocks ${i - 1} and ${i} are not parent and child`);
  }
  return blocks;
}
