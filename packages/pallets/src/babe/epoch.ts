/**
 * BABE's epochs and randomness (FRAME's pallet_babe): the slot of each block from its pre-digest,
 * the genesis slot, when an epoch ends (the session's trigger), enacting the next epoch with its
 * authorities and randomness, and the `NextEpochData` log that tells nodes and light clients.
 *
 * Randomness: primary (and secondary-VRF) blocks deposit their VRF randomness into segments of
 * 256; when epoch E starts, `Randomness := NextRandomness` and `NextRandomness :=
 * blake2_256(Randomness ‖ u64_le(E + 1) ‖ deposits)`, so epoch N+2 is seeded by epoch N's blocks.
 */
import { BABE_ENGINE_ID, blake2_256, bytesEqual, concatBytes, u64 } from "@canary/primitives";
import type { BabeSelf } from "./config.ts";
import { babeConfiguration, publishAnswers } from "./lightClient.ts";
import { slotFns } from "./slot.ts";
import { type Authority, ConsensusLog, type Epoch, PreDigest } from "./types.ts";

/** FRAME's `UNDER_CONSTRUCTION_SEGMENT_LENGTH`. */
const SEGMENT_LENGTH = 256;
/** FRAME keeps the last 100 skipped epochs. */
const MAX_SKIPPED = 100;

export function epochFns(self: BabeSelf) {
  const { storage, config } = self;
  const system = config.system.api;

  const depositLog = (log: ConsensusLog) =>
    system.depositLog({ tag: "Consensus", value: { engine: BABE_ENGINE_ID, data: ConsensusLog.enc(log) } });

  /** The block's BABE pre-runtime claim, if it has one. */
  function findPreDigest(): PreDigest | undefined {
    for (const item of config.system.storage.Digest.get()) {
      if (item.tag === "PreRuntime" && bytesEqual(item.value.engine, BABE_ENGINE_ID)) {
        return PreDigest.dec(item.value.data);
      }
    }
    return undefined;
  }

  const { epochDuration } = slotFns(self);
  const epochStart = (index: bigint): bigint => storage.GenesisSlot.get() + index * epochDuration();

  /** Per-block initialization (FRAME's `initialize`), idempotent within a block. */
  function initialize(now: number): void {
    if (storage.Initialized.exists()) return;
    const pre = findPreDigest();
    if (pre) {
      const slot = pre.value.slot;
      if (storage.GenesisSlot.get() === 0n) {
        storage.GenesisSlot.set(slot);
        // Block #1 describes epoch 1 with the genesis values, as FRAME does.
        depositLog({
          tag: "NextEpochData",
          value: { authorities: storage.NextAuthorities.get(), randomness: storage.NextRandomness.get() },
        });
        publish();
      }
      const current = storage.CurrentSlot.get();
      // FRAME keeps lateness as a block number, truncating the slot difference (`as u32`).
      storage.Lateness.set(Number((slot > current + 1n ? slot - current - 1n : 0n) & 0xffff_ffffn));
      storage.CurrentSlot.set(slot);
    }
    storage.Initialized.set(pre);
    void now;
  }

  /** The session's trigger (FRAME's `should_epoch_change`): never at block #1. */
  function shouldEpochChange(now: number): boolean {
    initialize(now);
    if (now === 1) return false;
    return storage.CurrentSlot.get() - epochStart(storage.EpochIndex.get()) >= epochDuration();
  }

  function computeRandomness(last: Uint8Array, epoch: bigint, deposits: Uint8Array[]): Uint8Array {
    return blake2_256(concatBytes(last, u64.enc(epoch), ...deposits));
  }

  /** Returns this epoch's randomness and computes the next one's from the deposits so far. */
  function randomnessChangeEpoch(nextEpoch: bigint): Uint8Array {
    const current = storage.NextRandomness.get();
    const segments = storage.SegmentIndex.get();
    const deposits: Uint8Array[] = [];
    // FRAME consumes segments 0..SegmentIndex, exclusive (a quirk kept for identical randomness).
    for (let i = 0; i < segments; i++) {
      deposits.push(...storage.UnderConstruction.get(i));
      storage.UnderConstruction.remove(i);
    }
    storage.SegmentIndex.set(0);
    storage.NextRandomness.set(computeRandomness(current, nextEpoch, deposits));
    return current;
  }

  function depositRandomness(randomness: Uint8Array): void {
    let index = storage.SegmentIndex.get();
    const segment = storage.UnderConstruction.get(index);
    if (segment.length < SEGMENT_LENGTH) {
      storage.UnderConstruction.set(index, [...segment, randomness]);
      return;
    }
    index += 1;
    storage.UnderConstruction.set(index, [randomness]);
    storage.SegmentIndex.set(index);
  }

  /** The session's new validators become the epoch's authorities (FRAME's `enact_epoch_change`). */
  function enactEpochChange(authorities: Authority[], nextAuthorities: Authority[], session?: number): void {
    // FRAME ignores an empty set: a chain without authorities could never author again.
    if (authorities.length === 0) return;
    // The index comes from the slot: if the chain was down for whole epochs, they are skipped.
    const index = (storage.CurrentSlot.get() - storage.GenesisSlot.get()) / epochDuration();
    if (storage.EpochIndex.get() + 1n !== index && session !== undefined && index >= BigInt(session)) {
      storage.SkippedEpochs.mutate((skipped) =>
        [...skipped, [index, session] as [bigint, number]].slice(-MAX_SKIPPED),
      );
    }
    storage.EpochIndex.set(index);
    storage.Authorities.set(authorities);
    storage.Randomness.set(randomnessChangeEpoch(index + 1n));
    storage.NextAuthorities.set(nextAuthorities);
    const started = storage.EpochStart.get()[1] ?? 0;
    storage.EpochStart.set([started, config.system.storage.Number.get()]);
    depositLog({
      tag: "NextEpochData",
      value: { authorities: nextAuthorities, randomness: storage.NextRandomness.get() },
    });
    const next = storage.NextEpochConfig.get();
    if (next) storage.EpochConfig.set(next);
    const pending = storage.PendingEpochConfigChange.get();
    if (pending) {
      storage.PendingEpochConfigChange.kill();
      storage.NextEpochConfig.set(pending.value);
      depositLog({ tag: "NextConfigData", value: pending });
    }
    publish();
  }

  /** Genesis: both the current and the next epoch have the genesis authorities. */
  function initializeGenesisAuthorities(authorities: Authority[]): void {
    if (authorities.length === 0) return;
    if (storage.Authorities.get().length > 0) return;
    storage.Authorities.set(authorities);
    storage.NextAuthorities.set(authorities);
    publish();
  }

  /** End of block: collect the VRF randomness of the block's claim, then forget the claim. */
  function finalize(): void {
    const pre = storage.Initialized.get();
    storage.Initialized.kill();
    if (!pre || pre.tag === "SecondaryPlain") {
      storage.AuthorVrfRandomness.set(undefined);
      return;
    }
    const authority = storage.Authorities.get()[pre.value.authorityIndex]?.[0];
    const transcript = {
      slot: pre.value.slot,
      epoch: storage.EpochIndex.get(),
      randomness: storage.Randomness.get(),
    };
    const output =
      authority && config.vrfRandomness?.(authority, transcript, pre.value.vrfSignature.preOutput);
    storage.AuthorVrfRandomness.set(output);
    // Only primary claims feed the randomness of epoch N+2, as FRAME.
    if (output && pre.tag === "Primary") depositRandomness(output);
  }

  const config_ = () => storage.EpochConfig.get() ?? config.genesisEpochConfig;

  function currentEpoch(): Epoch {
    const index = storage.EpochIndex.get();
    return {
      epochIndex: index,
      startSlot: epochStart(index),
      duration: epochDuration(),
      authorities: storage.Authorities.get(),
      randomness: storage.Randomness.get(),
      config: config_(),
    };
  }

  function nextEpoch(): Epoch {
    const index = storage.EpochIndex.get() + 1n;
    return {
      epochIndex: index,
      startSlot: epochStart(index),
      duration: epochDuration(),
      authorities: storage.NextAuthorities.get(),
      randomness: storage.NextRandomness.get(),
      config: storage.NextEpochConfig.get() ?? config_(),
    };
  }

  /** The stored BabeApi answers follow every change of what they are made of (lightClient.ts). */
  const publish = () => publishAnswers(self, { currentEpoch, nextEpoch });

  return {
    publish,
    /** A disabled validator is announced in the block's digest (FRAME's `on_disabled`). */
    noteDisabled: (index: number) => depositLog({ tag: "OnDisabled", value: index }),
    configuration: () => babeConfiguration(self),
    initialize,
    finalize,
    shouldEpochChange,
    enactEpochChange,
    initializeGenesisAuthorities,
    depositRandomness,
    findPreDigest,
    currentEpoch,
    nextEpoch,
    currentEpochStart: () => epochStart(storage.EpochIndex.get()),
    epochConfig: config_,
  };
}

export type EpochFns = ReturnType<typeof epochFns>;
