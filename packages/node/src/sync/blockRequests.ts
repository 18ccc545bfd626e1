/**
 * What sync asks a peer for and what comes back, in the terms of Substrate's `sync/2` protocol
 * (`BlockRequest`, `BlockData`), and the one thing sync needs of the network: a `BlockSource`,
 * peers that can be asked for blocks. The network's libp2p implementation is one; tests use
 * in-memory ones.
 */

/** `BlockAttributes` bits. */
export const FIELD_HEADER = 0x01;
export const FIELD_BODY = 0x02;
export const FIELD_JUSTIFICATION = 0x10;

/** At most this many blocks per response (Substrate's `MAX_BLOCKS_IN_RESPONSE`). */
export const MAX_BLOCKS_IN_RESPONSE = 128;

export interface BlockRequest {
  /** `BlockAttributes` bits (FIELD_*). */
  fields: number;
  from: { hash: Uint8Array } | { number: number };
  direction: "Ascending" | "Descending";
  maxBlocks: number;
  /** Field 7: answer justifications in field 8, every engine's (`support_multiple_justifications`). */
  multipleJustifications?: boolean;
}

export interface BlockData {
  hash: Uint8Array;
  /** SCALE header, when asked for. */
  header?: Uint8Array;
  /** Each extrinsic's full encoding, when asked for. */
  body?: Uint8Array[];
  /** Field 6, the legacy single justification (GRANDPA's). */
  justification?: Uint8Array;
  /** Field 8, SCALE `Justifications`: (engine id, justification) pairs. */
  justifications?: Array<[Uint8Array, Uint8Array]>;
}

/** A response as the peer sent it: unchecked (see `checkResponse`). */
export type BlockResponse = BlockData[];

/** A peer sync may ask, with what it last said of its best block. */
export interface SyncPeer {
  readonly peerId: string;
  readonly bestNumber: number;
  readonly bestHash: Uint8Array;
}

/** Where sync gets blocks from: "ask a peer for blocks". `P` is the source's own idea of a peer. */
export interface BlockSource<P extends SyncPeer = SyncPeer> {
  /** The peers that can be asked now. */
  peers(): Iterable<P>;
  /**
   * Sends `request` to `peer` and resolves with its answer, unchecked. Rejects when the peer
   * cannot be reached or its answer cannot be read; `signal` aborts the request (sync's timeout).
   */
  request(peer: P, request: BlockRequest, signal: AbortSignal): Promise<BlockResponse>;
}
