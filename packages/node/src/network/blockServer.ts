/**
 * Answers `sync/2` block requests from the block store, as Substrate's block request handler:
 * at most 128 blocks and about 8 MiB of bodies per response, ascending along the best chain or
 * descending through parents (genesis included). Justifications, when asked for, go in field 8
 * (every engine's) if the request sets field 7, else GRANDPA's in the legacy field 6.
 */
import { bytesEqual, GRANDPA_ENGINE_ID, Header } from "@canary/primitives";
import type { BlockStore } from "../chain/index.ts";
import {
  type BlockData,
  type BlockRequest,
  FIELD_BODY,
  FIELD_HEADER,
  FIELD_JUSTIFICATION,
  MAX_BLOCKS_IN_RESPONSE,
} from "../sync/blockRequests.ts";

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function answerBlockRequest(
  blocks: Pick<BlockStore, "header" | "hashAt" | "body" | "justifications">,
  req: BlockRequest,
): BlockData[] {
  const max = Math.min(req.maxBlocks === 0 ? MAX_BLOCKS_IN_RESPONSE : req.maxBlocks, MAX_BLOCKS_IN_RESPONSE);
  let hash = "hash" in req.from ? req.from.hash : blocks.hashAt(req.from.number);
  const out: BlockData[] = [];
  let bytes = 0;
  while (hash && out.length < max) {
    const header = blocks.header(hash);
    if (!header) break;
    const data: BlockData = { hash };
    if (req.fields & FIELD_HEADER) data.header = Header.enc(header);
    if (req.fields & FIELD_JUSTIFICATION) {
      const all = blocks.justifications(hash);
      if (all && req.multipleJustifications) data.justifications = all;
      const grandpa = all?.find(([engine]) => bytesEqual(engine, GRANDPA_ENGINE_ID))?.[1];
      if (grandpa && !req.multipleJustifications) data.justification = grandpa;
    }
    if (req.fields & FIELD_BODY) {
      data.body = blocks.body(hash) ?? [];
      for (const x of data.body) bytes += x.length;
    }
    // Always at least one block, so a block larger than the cap can still be fetched.
    if (out.length > 0 && bytes > MAX_BODY_BYTES) break;
    out.push(data);
    if (req.direction === "Ascending") hash = blocks.hashAt(header.number + 1);
    else hash = header.number === 0 ? undefined : header.parentHash;
  }
  return out;
}
