/**
 * BABE's import checks (Substrate's `check_header` and smoldot's `verify_header`): the seal is the
 * last digest item and the claimed author's sr25519 signature over the rest; one pre-digest whose
 * slot comes after the parent's and is not too far ahead of the local clock; the claim holds in
 * the slot's epoch (VRF proof, primary threshold, secondary author, allowed slot types); and a
 * block that starts an epoch announces the next one (`NextEpochData`), once, and no other does.
 * Each refusal is a ChainError naming the rule; `primary` feeds fork choice.
 */
import { BabeError, checkSlotClaim, findBabePreDigest, verifyBabeSeal } from "@canary/crypto";
import {
  BABE_ENGINE_ID,
  BabeConsensusLog,
  bytesEqual,
  DecodeError,
  type Header,
  headerWithoutSeal,
} from "@canary/primitives";
import { ChainError } from "../../chain/errors.ts";
import type { EpochResolver } from "./epochs.ts";

export interface BabeVerifierOptions {
  epochs: EpochResolver;
  /** The chain's slot length in ms; default: its BabeApi_configuration's (EpochResolver). */
  slotDurationMs?: number;
  now?: () => number;
  /**
   * How many slots a block's slot may be ahead of the local clock's; undefined: no bound (instant
   * seal, where slots run ahead of the clock by design, and importing old blocks from a file).
   */
  maxFutureSlots?: bigint | undefined;
}

/**
 * Substrate's drift allowance: a block's slot may be one ahead of the local clock's (`slot_now + 1`
 * in sc-consensus-babe, "to allow for some small drift"); a later one is refused. One slot is
 * 6 s on Kusama — far more than NTP-synchronised clocks differ — and it scales with the slot
 * length, so short-slot test chains keep the same rule.
 */
export const MAX_FUTURE_SLOTS = 1n;

export interface VerifiedHeader {
  slot: bigint;
  primary: boolean;
  authorityIndex: number;
}

export class BabeVerifier {
  readonly #o: BabeVerifierOptions & { now: () => number };

  constructor(options: BabeVerifierOptions) {
    this.#o = { now: Date.now, ...options };
  }

  verify(header: Header, parent: Header, parentHash: Uint8Array): VerifiedHeader {
    const n = header.number;
    const split = headerWithoutSeal(header);
    if (!split || !bytesEqual(split.seal.engine, BABE_ENGINE_ID)) {
      throw new ChainError("BLOCK_BAD_SEAL", `block #${n} does not end with a BABE seal`);
    }
    const pre = babe(() => findBabePreDigest(split.header), "BLOCK_BAD_PRE_DIGEST");
    const { slot, authorityIndex } = pre.value;
    const parentSlot = parent.number === 0 ? 0n : findBabePreDigest(parent).value.slot;
    if (slot <= parentSlot) {
      throw new ChainError(
        "BLOCK_WRONG_SLOT",
        `block #${n}: slot ${slot} does not come after its parent's slot ${parentSlot}`,
      );
    }
    const { maxFutureSlots, now } = this.#o;
    if (maxFutureSlots !== undefined) {
      const slotMs = this.#o.slotDurationMs ?? this.#o.epochs.slotDurationMs(parentHash);
      const clockSlot = BigInt(Math.floor(now() / slotMs));
      if (slot > clockSlot + maxFutureSlots) {
        throw new ChainError(
          "BLOCK_FUTURE_SLOT",
          `block #${n}: slot ${slot} is more than ${maxFutureSlots} slot(s) ahead of this node's clock (slot ${clockSlot}, slots of ${slotMs} ms); check the clocks of this node and of the block's author`,
        );
      }
    }
    const epoch = this.#o.epochs.epochFor(parent, parentHash, slot);
    const { primary } = babe(() => checkSlotClaim(pre, epoch), "BLOCK_BAD_CLAIM");
    if (!verifyBabeSeal(header, epoch.authorities[authorityIndex]!.publicKey)) {
      throw new ChainError(
        "BLOCK_BAD_SEAL",
        `block #${n}: the seal is not authority #${authorityIndex}'s signature`,
      );
    }
    checkEpochLogs(split.header, epoch.startsEpoch, epoch.epochIndex);
    return { slot, primary, authorityIndex };
  }
}

function checkEpochLogs(header: Header, startsEpoch: boolean, epochIndex: bigint): void {
  let announcements = 0;
  let configs = 0;
  for (const item of header.digest) {
    if (item.tag !== "Consensus" || !bytesEqual(item.value.engine, BABE_ENGINE_ID)) continue;
    let log: BabeConsensusLog;
    try {
      log = BabeConsensusLog.dec(item.value.data);
    } catch (cause) {
      if (!(cause instanceof DecodeError)) throw cause;
      throw new ChainError("BLOCK_BAD_EPOCH_CHANGE", `block #${header.number} has an undecodable BABE log`, {
        cause,
      });
    }
    if (log.tag === "NextEpochData") announcements++;
    if (log.tag === "NextConfigData") configs++;
  }
  const n = header.number;
  if (announcements > 1 || configs > 1) {
    throw new ChainError(
      "BLOCK_BAD_EPOCH_CHANGE",
      `block #${n} announces the next epoch or its configuration twice`,
    );
  }
  if (startsEpoch && announcements === 0) {
    throw new ChainError(
      "BLOCK_BAD_EPOCH_CHANGE",
      `block #${n} starts epoch ${epochIndex} but does not announce the next one (no NextEpochData)`,
    );
  }
  if (!startsEpoch && announcements > 0) {
    throw new ChainError(
      "BLOCK_BAD_EPOCH_CHANGE",
      `block #${n} announces a next epoch inside epoch ${epochIndex}`,
    );
  }
}

/** Runs a BABE check, turning its BabeError into the ChainError `code` with its message. */
function babe<T>(check: () => T, code: "BLOCK_BAD_PRE_DIGEST" | "BLOCK_BAD_CLAIM"): T {
  try {
    return check();
  } catch (cause) {
    if (cause instanceof BabeError) throw new ChainError(code, `${cause.code}: ${cause.message}`, { cause });
    throw cause;
  }
}
