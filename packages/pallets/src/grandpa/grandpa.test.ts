import { Root, signed } from "@canary/frame";
import { bytesEqual, GRANDPA_ENGINE_ID, toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { Session, type SessionInstance } from "../session/index.ts";
import { blockEvents, checkSystemInvariants, type MockChain, mockChain } from "../test/mockRuntime.ts";
import { Grandpa, GrandpaConsensusLog, type GrandpaInstance } from "./index.ts";

const KEY_TYPES = [{ name: "grandpa", id: Uint8Array.from("gran", (c) => c.charCodeAt(0)), length: 32 }];
const account = (n: number) => new Uint8Array(32).fill(n);
const granKey = (n: number) => new Uint8Array(32).fill(200 + n);

type Chain = MockChain & { grandpa: GrandpaInstance; session: SessionInstance };
let chain: Chain;
let endSession = false;
let next: Uint8Array[] | undefined;
afterEach(() => {
  endSession = false;
  next = undefined;
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function setup() {
  chain = mockChain((b, system) => {
    let session: SessionInstance | undefined;
    const grandpa = b.add(10, Grandpa, {
      system,
      currentSession: () => session?.api.currentIndex() ?? 0,
      maxSetIdSessionEntries: 168n,
    });
    session = b.add(8, Session, {
      system,
      keyTypes: KEY_TYPES,
      shouldEndSession: () => endSession,
      sessionManager: { newSession: () => next },
      handlers: () => [grandpa.api.sessionHandler],
    });
    return { grandpa, session };
  });
  chain.run(() =>
    chain.session.genesis?.build({ keys: [1, 2, 3].map((n) => [account(n), { grandpa: granKey(n) }]) }),
  );
}

/** Runs block `n` (ending a session when `rotate`), returning GRANDPA's logs. */
function block(n: number, rotate = false) {
  endSession = rotate;
  return chain.run(() => {
    chain.system.api.initializeBlock(n, new Uint8Array(32).fill(n), []);
    chain.session.hooks.onInitialize?.(n);
    chain.grandpa.hooks.onFinalize?.(n);
    return chain.system.storage.Digest.get()
      .filter((d) => d.tag === "Consensus" && bytesEqual(d.value.engine, GRANDPA_ENGINE_ID))
      .map((d) => (d.tag === "Consensus" ? GrandpaConsensusLog.dec(d.value.data) : undefined));
  });
}
const set = () => chain.run(() => chain.grandpa.api.authorities().map(([k, w]) => [k[0], w]));

describe("authority set", () => {
  it("genesis puts the first set at :grandpa_authorities (version 1), set id 0", () => {
    setup();
    expect(set()).toEqual([
      [201, 1n],
      [202, 1n],
      [203, 1n],
    ]);
    const raw = chain.host.storageGet(WELL_KNOWN_KEYS.grandpaAuthorities)!;
    expect(toHex(raw.subarray(0, 2))).toBe("0x010c"); // version 1, compact(3)
    chain.run(() => {
      expect(chain.grandpa.api.currentSetId()).toBe(0n);
      expect(chain.grandpa.storage.SetIdSession.get(0n)).toBe(0);
    });
  });

  it("a session whose validators changed schedules a change (delay 0) with a new set id, enacted in that block", () => {
    setup();
    next = [account(1), account(2)];
    expect(block(2, true)).toEqual([]); // queued, not yet current: nothing changes this session
    next = undefined;
    const logs = block(3, true); // the queued set becomes current: a change
    expect(logs).toEqual([
      {
        tag: "ScheduledChange",
        value: {
          nextAuthorities: [
            [granKey(1), 1n],
            [granKey(2), 1n],
          ],
          delay: 0,
        },
      },
    ]);
    expect(set()).toEqual([
      [201, 1n],
      [202, 1n],
    ]);
    expect(blockEvents(chain).map((e) => e.name)).toContain("Grandpa.NewAuthorities");
    chain.run(() => {
      expect(chain.grandpa.api.currentSetId()).toBe(1n);
      expect(chain.grandpa.storage.SetIdSession.get(1n)).toBe(2);
    });
    expect(block(4, true)).toEqual([]);
    chain.run(() => expect(chain.grandpa.api.currentSetId()).toBe(1n));
  });

  it("note_stalled (Root) forces a change at the next session, after its delay; another too soon is refused", () => {
    setup();
    const stall = (delay: number, best: number, origin = Root) =>
      chain.run(() =>
        chain.runtime.dispatch(origin, {
          tag: "Grandpa",
          value: { tag: "note_stalled", value: { delay, best_finalized_block_number: best } },
        }),
      );
    expect(stall(5, 1, signed(account(1)))).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    expect(stall(5, 1).ok).toBe(true);
    expect(block(2, true)).toEqual([
      {
        tag: "ForcedChange",
        value: [
          1,
          {
            nextAuthorities: [
              [granKey(1), 1n],
              [granKey(2), 1n],
              [granKey(3), 1n],
            ],
            delay: 5,
          },
        ],
      },
    ]);
    for (let n = 3; n < 7; n++) block(n);
    chain.run(() => expect(chain.grandpa.storage.PendingChange.exists()).toBe(true));
    block(7);
    chain.run(() => {
      expect(chain.grandpa.storage.PendingChange.exists()).toBe(false);
      expect(chain.grandpa.storage.NextForced.get()).toBe(12);
      // A second forced change before block 12 is refused.
      expect(() => chain.grandpa.api.scheduleChange([], 1, 1)).toThrow(/TooSoon/);
    });
  });

  it("pauses and resumes after their delays", () => {
    setup();
    block(2);
    chain.run(() => chain.grandpa.api.schedulePause(1));
    chain.run(() => expect(() => chain.grandpa.api.schedulePause(1)).toThrow(/PauseFailed/));
    block(3);
    expect(blockEvents(chain).map((e) => e.name)).toEqual(["Grandpa.Paused"]);
    chain.run(() => chain.grandpa.api.scheduleResume(0));
    chain.run(() => chain.grandpa.hooks.onFinalize?.(3));
    chain.run(() => expect(chain.grandpa.storage.State.get()).toEqual({ tag: "Live" }));
  });
});
