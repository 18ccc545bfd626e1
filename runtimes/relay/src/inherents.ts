/**
 * Inherents (`ProvideInherent` of the relay's pallets, as `construct_runtime!` aggregates them):
 * the calls a block author puts first in its block from its own data, and the importer's check
 * of another author's inherents against its data. Timestamp is the only inherent so far.
 */
import type { CheckInherentsResult, InherentData } from "@canary/frame";
import type { InherentError } from "@canary/pallets";
import {
  type Block,
  bytesEqual,
  CanaryError,
  DecodeError,
  encodeExtrinsic,
  extrinsicCodec,
  INHERENT_IDENTIFIERS,
  u8,
  u64,
} from "@canary/primitives";
import type { Relay } from "./runtime.ts";

export const TIMESTAMP_INHERENT_ID = INHERENT_IDENTIFIERS.timestamp;

/** sp_timestamp's InherentError variant indices; both are fatal. */
const TIMESTAMP_ERRORS: Record<InherentError, number> = { TooEarly: 0, TooFarInFuture: 1 };

function lookup(data: InherentData, id: Uint8Array): Uint8Array | undefined {
  return data.data.find(([key]) => bytesEqual(key, id))?.[1];
}

/** The author's clock (ms) from the inherent data; an author must always provide it. */
function clock(data: InherentData): bigint {
  const raw = lookup(data, TIMESTAMP_INHERENT_ID);
  if (raw === undefined) {
    throw new CanaryError(
      "INHERENT_MISSING",
      "the inherent data has no timestamp (timstap0): provide the author's clock",
    );
  }
  try {
    return u64.dec(raw);
  } catch (e) {
    throw new CanaryError("INHERENT_BAD_DATA", "the timestamp inherent data is not a u64", { cause: e });
  }
}

export function inherentExtrinsics({ runtime, pallets }: Relay, data: InherentData): Uint8Array[] {
  return [
    encodeExtrinsic({ call: runtime.callCodec.enc(pallets.timestamp.api.createInherent(clock(data))) }),
  ];
}

export function checkInherents(relay: Relay, block: Block, data: InherentData): CheckInherentsResult {
  const { runtime, pallets, extensions } = relay;
  const xtCodec = extrinsicCodec(extensions.extra);
  const errors: Array<[Uint8Array, Uint8Array]> = [];
  for (const encoded of block.extrinsics) {
    let xt: ReturnType<typeof xtCodec.dec>;
    let call: ReturnType<typeof runtime.callCodec.dec>;
    try {
      xt = xtCodec.dec(encoded);
      call = runtime.callCodec.dec(xt.call);
    } catch (e) {
      // Undecodable extrinsics are the block's problem: execute_block refuses them.
      if (e instanceof DecodeError) continue;
      throw e;
    }
    if (xt.signed || call.tag !== pallets.timestamp.name || call.value.tag !== "set") continue;
    const { now } = call.value.value as { now: bigint };
    const error = pallets.timestamp.api.checkInherent(now, clock(data));
    if (error) errors.push([TIMESTAMP_INHERENT_ID, u8.enc(TIMESTAMP_ERRORS[error])]);
  }
  // A block without the timestamp needs no report here: Timestamp's on_finalize refuses it.
  return { okay: errors.length === 0, fatal_error: errors.length > 0, errors: { data: errors } };
}
