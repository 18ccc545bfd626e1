/**
 * What Substrate nodes say to each other on the protocols Canary speaks, byte for byte:
 * the block-announces handshake and announcement (SCALE), and the `sync/2` block request and
 * response (protobuf, `api.v1`). The SCALE decoders refuse trailing bytes and bad lengths; the
 * protobuf ones skip unknown fields, as protobuf readers do, and refuse truncation.
 */
import {
  type Codec,
  DecodeError,
  decodeExact,
  H256,
  Header,
  Justifications,
  makeCodec,
  OpaqueExtrinsic,
  Bytes as ScaleBytes,
  Struct,
  toHex,
  u8,
  u32,
  Vec,
} from "@canary/primitives";
import { reader, writer } from "protons-runtime";
import type { BlockData, BlockRequest } from "../sync/blockRequests.ts";
import { NetworkError } from "./errors.ts";

/** Protocol names, keyed by the genesis hash so that nodes of different chains never talk. */
export function protocolNames(genesisHash: Uint8Array) {
  const prefix = `/${toHex(genesisHash).slice(2)}`;
  return {
    blockAnnounces: `${prefix}/block-announces/1`,
    sync: `${prefix}/sync/2`,
    light: `${prefix}/light/2`,
    warp: `${prefix}/sync/warp`,
    kad: `${prefix}/kad`,
    grandpa: `${prefix}/grandpa/1`,
    transactions: `${prefix}/transactions/1`,
  };
}

/** `sc_network::Roles` bits. */
export const ROLE_FULL = 0b0001;
export const ROLE_AUTHORITY = 0b0100;

export const BlockAnnouncesHandshake = Struct(
  { roles: u8, bestNumber: u32, bestHash: H256, genesisHash: H256 },
  "BlockAnnouncesHandshake",
);

export interface BlockAnnounceMessage {
  header: Header;
  /** Absent in the oldest form; `Best` when the block is the sender's new best. */
  state?: "Normal" | "Best";
  /** Extra data a chain may attach; Polkadot sends it empty. */
  data?: Uint8Array;
}

/**
 * `BlockAnnounce` as Substrate encodes it: the header, then the state byte (0 Normal, 1 Best) if
 * present, then the data (`Vec<u8>`) if present — trailing optional fields with no Option tags
 * (reference/light-client.md item 9: smoldot decodes `header | is_best u8 | data`). Decoding takes
 * the state when a byte is left and the data when bytes are left, and refuses anything after it.
 */
export const BlockAnnounce: Codec<BlockAnnounceMessage> = makeCodec<BlockAnnounceMessage>(
  { kind: "composite", fields: [{ name: "header", type: Header.desc }], path: ["BlockAnnounce"] },
  Header.minSize,
  (w, v) => {
    Header.write(w, v.header);
    if (v.state === undefined) return;
    w.byte(v.state === "Best" ? 1 : 0);
    if (v.data !== undefined) ScaleBytes.write(w, v.data);
  },
  (r) => {
    const header = Header.read(r);
    if (r.remaining === 0) return { header };
    const state = r.byte("BlockAnnounce.state");
    if (state > 1)
      throw new DecodeError(
        "invalid-value",
        "BlockAnnounce.state",
        `state ${state} is neither Normal (0) nor Best (1)`,
      );
    const announce: BlockAnnounceMessage = { header, state: state === 1 ? "Best" : "Normal" };
    if (r.remaining > 0) announce.data = ScaleBytes.read(r);
    return announce;
  },
  "BlockAnnounce",
);

/** The transactions protocol carries `Vec<Extrinsic>`, each extrinsic in its full encoding. */
export const Transactions = Vec(OpaqueExtrinsic, "Transactions");

const VARINT = 0;
const LENGTH_DELIMITED = 2;
const key = (field: number, wire: number) => (field << 3) | wire;

// Substrate puts BlockAttributes in the top byte of the u32 (`to_be_u32`).
const fieldsToWire = (fields: number) => (fields << 24) >>> 0;
const fieldsFromWire = (wire: number) => wire >>> 24;

export function encodeBlockRequest(req: BlockRequest): Uint8Array {
  const w = writer();
  w.uint32(key(1, VARINT)).uint32(fieldsToWire(req.fields));
  if ("hash" in req.from) w.uint32(key(2, LENGTH_DELIMITED)).bytes(req.from.hash);
  else w.uint32(key(3, LENGTH_DELIMITED)).bytes(u32.enc(req.from.number));
  if (req.direction === "Descending") w.uint32(key(5, VARINT)).uint32(1);
  w.uint32(key(6, VARINT)).uint32(req.maxBlocks);
  if (req.multipleJustifications) w.uint32(key(7, VARINT)).bool(true);
  return w.finish();
}

export function decodeBlockRequest(bytes: Uint8Array): BlockRequest {
  return protobuf("BlockRequest", () => {
    const r = reader(bytes);
    let fields = 0;
    let from: BlockRequest["from"] | undefined;
    let direction: BlockRequest["direction"] = "Ascending";
    let maxBlocks = 0;
    let multipleJustifications = false;
    while (r.pos < r.len) {
      const tag = r.uint32();
      switch (tag) {
        case key(1, VARINT):
          fields = fieldsFromWire(r.uint32());
          break;
        case key(2, LENGTH_DELIMITED):
          from = { hash: decodeExact(H256, r.bytes(), "BlockRequest.hash") };
          break;
        case key(3, LENGTH_DELIMITED):
          from = { number: decodeExact(u32, r.bytes(), "BlockRequest.number") };
          break;
        case key(5, VARINT): {
          const d = r.uint32();
          if (d > 1)
            throw new DecodeError(
              "invalid-value",
              "BlockRequest.direction",
              `direction ${d} is neither Ascending (0) nor Descending (1)`,
            );
          direction = d === 1 ? "Descending" : "Ascending";
          break;
        }
        case key(6, VARINT):
          maxBlocks = r.uint32();
          break;
        case key(7, VARINT):
          multipleJustifications = r.bool();
          break;
        default:
          r.skipType(tag & 7);
      }
    }
    if (!from) throw new DecodeError("invalid-value", "BlockRequest", "no starting block (hash or number)");
    return {
      fields,
      from,
      direction,
      maxBlocks,
      ...(multipleJustifications ? { multipleJustifications } : {}),
    };
  });
}

export function encodeBlockResponse(blocks: BlockData[]): Uint8Array {
  const w = writer();
  for (const b of blocks) {
    w.uint32(key(1, LENGTH_DELIMITED)).fork();
    w.uint32(key(1, LENGTH_DELIMITED)).bytes(b.hash);
    if (b.header) w.uint32(key(2, LENGTH_DELIMITED)).bytes(b.header);
    for (const x of b.body ?? []) w.uint32(key(3, LENGTH_DELIMITED)).bytes(x);
    if (b.justification) {
      if (b.justification.length === 0) w.uint32(key(7, VARINT)).bool(true);
      else w.uint32(key(6, LENGTH_DELIMITED)).bytes(b.justification);
    }
    if (b.justifications) w.uint32(key(8, LENGTH_DELIMITED)).bytes(Justifications.enc(b.justifications));
    w.ldelim();
  }
  return w.finish();
}

export function decodeBlockResponse(bytes: Uint8Array): BlockData[] {
  return protobuf("BlockResponse", () => {
    const r = reader(bytes);
    const blocks: BlockData[] = [];
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === key(1, LENGTH_DELIMITED)) blocks.push(decodeBlockData(r.bytes()));
      else r.skipType(tag & 7);
    }
    return blocks;
  });
}

function decodeBlockData(bytes: Uint8Array): BlockData {
  const r = reader(bytes);
  let hash: Uint8Array | undefined;
  const data: Omit<BlockData, "hash"> = {};
  const body: Uint8Array[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case key(1, LENGTH_DELIMITED):
        hash = decodeExact(H256, r.bytes(), "BlockData.hash");
        break;
      case key(2, LENGTH_DELIMITED):
        data.header = r.bytes();
        break;
      case key(3, LENGTH_DELIMITED):
        body.push(r.bytes());
        break;
      case key(6, LENGTH_DELIMITED):
        data.justification = r.bytes();
        break;
      case key(7, VARINT):
        if (r.bool()) data.justification = new Uint8Array();
        break;
      case key(8, LENGTH_DELIMITED):
        data.justifications = decodeExact(Justifications, r.bytes(), "BlockData.justifications");
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  if (!hash) throw new DecodeError("invalid-value", "BlockData", "a block without its hash");
  if (body.length > 0) data.body = body;
  return { hash, ...data };
}

/** Runs a protobuf decoder, turning any failure (truncation, bad varint, bad field) into one error. */
export function protobuf<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    throw new NetworkError("NETWORK_BAD_MESSAGE", `undecodable ${what}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
