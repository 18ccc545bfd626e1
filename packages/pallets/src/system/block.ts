/**
 * The block's life as System sees it: initialization, the execution phase, event deposit (with
 * phases and topics), extrinsic bookkeeping, and what finalization leaves for the header.
 */
import { host } from "@canary/frame";
import { type DigestItem, H256, newBytes, Tuple, u32, Vec, WELL_KNOWN_KEYS } from "@canary/primitives";
import type { SystemSelf } from "./config.ts";
import { Phase } from "./types.ts";

type Digest = DigestItem[];

const TOPICS = Vec(H256);
const NO_TOPICS = TOPICS.enc([]);
const TOPIC_ENTRY = Tuple(u32, u32);

/** The block functions of one System instance. */
export function block(self: SystemSelf) {
  const { storage } = self;

  /** Starts block `number` on top of `parentHash`, with the pre-runtime digest the author provided. */
  function initializeBlock(number: number, parentHash: Uint8Array, digest: Digest): void {
    storage.ExecutionPhase.set({ tag: "Initialization" });
    host().storageSet(WELL_KNOWN_KEYS.extrinsicIndex, u32.enc(0));
    storage.Number.set(number);
    storage.Digest.set(digest);
    storage.ParentHash.set(parentHash);
    storage.BlockHash.set(number - 1, parentHash);
    storage.InherentsApplied.kill();
    // Events of the previous block are removed here, not at its end, so that clients can read them.
    storage.Events.kill();
    storage.EventCount.kill();
    storage.EventTopics.clear();
  }

  function currentPhase(): Phase | undefined {
    return storage.ExecutionPhase.get();
  }

  /** Deposits an encoded `RuntimeEvent` with the current phase and optional topics. */
  function depositEvent(event: Uint8Array, topics: Uint8Array[] = []): void {
    // No events at genesis, as FRAME does: block 0 has no block to read them from.
    const number = storage.Number.get();
    if (number === 0) return;
    const phaseBytes = Phase.enc(storage.ExecutionPhase.get() ?? { tag: "Initialization" });
    const topicBytes = topics.length === 0 ? NO_TOPICS : TOPICS.enc(topics);
    const encoded = newBytes(phaseBytes.length + event.length + topicBytes.length);
    encoded.set(phaseBytes, 0);
    encoded.set(event, phaseBytes.length);
    encoded.set(topicBytes, phaseBytes.length + event.length);
    const index = storage.EventCount.get();
    storage.Events.appendEncoded(encoded);
    storage.EventCount.set(index + 1);
    for (const topic of topics) {
      host().storageAppend(storage.EventTopics.keyFor(topic), TOPIC_ENTRY.enc([number, index]));
    }
  }

  /** Marks the start of extrinsic `index` (`:extrinsic_index` is what events' phase reads). */
  function noteApplyExtrinsic(index: number): void {
    storage.ExecutionPhase.set({ tag: "ApplyExtrinsic", value: index });
    host().storageSet(WELL_KNOWN_KEYS.extrinsicIndex, u32.enc(index));
  }

  /** Records an extrinsic's bytes (for the extrinsics root) after it was applied. */
  function noteExtrinsic(index: number, encoded: Uint8Array): void {
    storage.ExtrinsicData.set(index, encoded);
  }

  /** Moves past the last extrinsic: counts them and enters the finalization phase. */
  function noteFinishedExtrinsics(count: number): void {
    storage.ExtrinsicCount.set(count);
    storage.ExecutionPhase.set({ tag: "Finalization" });
  }

  function depositLog(item: DigestItem): void {
    storage.Digest.mutate((d) => [...d, item]);
  }

  /** Clears per-block data and returns what the header needs besides the state root. */
  function finalizeBlock(): {
    number: number;
    parentHash: Uint8Array;
    extrinsicsRoot: Uint8Array;
    digest: Digest;
  } {
    storage.ExecutionPhase.kill();
    storage.AllExtrinsicsLen.kill();
    storage.BlockWeight.kill();
    storage.InherentsApplied.kill();
    const number = storage.Number.get();
    const count = storage.ExtrinsicCount.get() ?? 0;
    storage.ExtrinsicCount.kill();
    const extrinsics: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      extrinsics.push(storage.ExtrinsicData.get(i));
      storage.ExtrinsicData.remove(i);
    }
    // Forget block hashes older than BlockHashCount (the longest era a transaction may use).
    const horizon = number - 1 - self.config.blockHashCount;
    if (horizon >= 0) storage.BlockHash.remove(horizon);
    return {
      number,
      parentHash: storage.ParentHash.get(),
      extrinsicsRoot: host().orderedTrieRoot(extrinsics, 0),
      digest: storage.Digest.get(),
    };
  }

  return {
    initializeBlock,
    currentPhase,
    depositEvent,
    noteApplyExtrinsic,
    noteExtrinsic,
    noteFinishedExtrinsics,
    depositLog,
    finalizeBlock,
  };
}

export type SystemBlock = ReturnType<typeof block>;
