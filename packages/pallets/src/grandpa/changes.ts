/**
 * Authority-set changes (FRAME's pallet_grandpa): a change is scheduled (after `delay` blocks, or
 * forced when finality stalled), signalled by a `ScheduledChange`/`ForcedChange` log in the block
 * that schedules it, and enacted `delay` blocks later; pauses and resumes likewise. Nodes apply a
 * scheduled change when the signalling block is finalized, a forced one after `delay` imported
 * blocks.
 */
import { DispatchFailure, host } from "@canary/frame";
import { GRANDPA_ENGINE_ID, WELL_KNOWN_KEYS } from "@canary/primitives";
import type { GrandpaSelf } from "./config.ts";
import { AUTHORITIES_VERSION, type AuthorityList, ConsensusLog, VersionedAuthorityList } from "./types.ts";

export function changeFns(self: GrandpaSelf) {
  const { storage, config } = self;
  const system = config.system.api;
  const now = () => config.system.storage.Number.get();
  const depositLog = (log: ConsensusLog) =>
    system.depositLog({
      tag: "Consensus",
      value: { engine: GRANDPA_ENGINE_ID, data: ConsensusLog.enc(log) },
    });

  function authorities(): AuthorityList {
    const raw = host().storageGet(WELL_KNOWN_KEYS.grandpaAuthorities);
    return raw ? VersionedAuthorityList.dec(raw)[1] : [];
  }

  function setAuthorities(list: AuthorityList): void {
    host().storageSet(
      WELL_KNOWN_KEYS.grandpaAuthorities,
      VersionedAuthorityList.enc([AUTHORITIES_VERSION, list]),
    );
  }

  /** Schedules a change `inBlocks` from now; forced changes need `median`, the last finalized block. */
  function scheduleChange(next: AuthorityList, inBlocks: number, forced?: number): void {
    if (storage.PendingChange.exists()) throw self.fail("ChangePending");
    const at = now();
    if (forced !== undefined) {
      const nextForced = storage.NextForced.get();
      if (nextForced !== undefined && nextForced > at) throw self.fail("TooSoon");
      // Only one forced change per two delays, as FRAME.
      storage.NextForced.set(at + inBlocks * 2);
    }
    storage.PendingChange.set({ scheduled_at: at, delay: inBlocks, next_authorities: next, forced });
  }

  function schedulePause(inBlocks: number): void {
    if (storage.State.get().tag !== "Live") throw self.fail("PauseFailed");
    storage.State.set({ tag: "PendingPause", value: { scheduled_at: now(), delay: inBlocks } });
    depositLog({ tag: "Pause", value: inBlocks });
  }

  function scheduleResume(inBlocks: number): void {
    if (storage.State.get().tag !== "Paused") throw self.fail("ResumeFailed");
    storage.State.set({ tag: "PendingResume", value: { scheduled_at: now(), delay: inBlocks } });
    depositLog({ tag: "Resume", value: inBlocks });
  }

  /** End of block: signal a change scheduled in this block, enact one whose delay has passed. */
  function finalize(block: number): void {
    const pending = storage.PendingChange.get();
    if (pending) {
      if (block === pending.scheduled_at) {
        const change = { nextAuthorities: pending.next_authorities, delay: pending.delay };
        if (pending.forced !== undefined)
          depositLog({ tag: "ForcedChange", value: [pending.forced, change] });
        else depositLog({ tag: "ScheduledChange", value: change });
      }
      if (block === pending.scheduled_at + pending.delay) {
        setAuthorities(pending.next_authorities);
        self.emit("NewAuthorities", { authority_set: pending.next_authorities });
        storage.PendingChange.kill();
      }
    }
    const state = storage.State.get();
    if (state.tag === "PendingPause" && block === state.value.scheduled_at + state.value.delay) {
      storage.State.set({ tag: "Paused" });
      self.emit("Paused", {});
    } else if (state.tag === "PendingResume" && block === state.value.scheduled_at + state.value.delay) {
      storage.State.set({ tag: "Live" });
      self.emit("Resumed", {});
    }
  }

  /** Root's `note_stalled`: the next session forces a change after `delay`, from `median`. */
  function onStalled(delay: number, median: number): void {
    storage.Stalled.set([delay, median]);
  }

  /** A new session: a changed validator set (or a stall) schedules a change and a new set id. */
  function onNewSession(changed: boolean, next: AuthorityList): void {
    const stalled = storage.Stalled.get();
    let setId = storage.CurrentSetId.get();
    if (changed || stalled) {
      try {
        if (stalled) scheduleChange(next, stalled[0], stalled[1]);
        else scheduleChange(next, 0);
        setId += 1n;
        storage.CurrentSetId.set(setId);
        storage.Stalled.kill();
        const oldest = setId - config.maxSetIdSessionEntries;
        if (oldest >= 0n) storage.SetIdSession.remove(oldest);
      } catch (e) {
        // A change already pending (or a forced one too soon) keeps the current set, as FRAME.
        if (!(e instanceof DispatchFailure)) throw e;
      }
    }
    storage.SetIdSession.set(setId, config.currentSession());
  }

  /** Genesis: the first set, id 0, for session 0. */
  function initialize(list: AuthorityList): void {
    if (list.length === 0) return;
    if (authorities().length > 0) return;
    setAuthorities(list);
    storage.SetIdSession.set(0n, 0);
  }

  return {
    authorities,
    /** A disabled validator is announced in the block's digest (FRAME's `on_disabled`). */
    noteDisabled: (index: number) => depositLog({ tag: "OnDisabled", value: BigInt(index) }),
    scheduleChange,
    schedulePause,
    scheduleResume,
    finalize,
    onStalled,
    onNewSession,
    initialize,
    currentSetId: () => storage.CurrentSetId.get(),
  };
}

export type ChangeFns = ReturnType<typeof changeFns>;
