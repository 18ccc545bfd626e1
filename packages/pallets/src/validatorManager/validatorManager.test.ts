import { type DispatchOutcome, NoneOrigin, Root, signed } from "@canary/frame";
import { afterEach, describe, expect, it } from "vitest";
import { Session, type SessionInstance, type SessionKeys } from "../session/index.ts";
import {
  blockEvents,
  checkSystemInvariants,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import { ValidatorManager, type ValidatorManagerInstance } from "./index.ts";

const KEY_TYPES = [{ name: "babe", id: Uint8Array.from("babe", (c) => c.charCodeAt(0)), length: 32 }];
const account = (n: number) => new Uint8Array(32).fill(n);
const keysOf = (n: number): SessionKeys => ({ babe: new Uint8Array(32).fill(100 + n) });

type Chain = MockChain & { session: SessionInstance; manager: ValidatorManagerInstance };
let chain: Chain;
let block = 1;
afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function setup(genesis: number[]) {
  let manager: ValidatorManagerInstance | undefined;
  let session: SessionInstance | undefined;
  chain = mockChain((b, system) => {
    session = b.add(8, Session, {
      system,
      keyTypes: KEY_TYPES,
      shouldEndSession: () => true,
      sessionManager: { newSession: (i) => manager?.api.sessionManager.newSession(i) },
      handlers: () => [],
    });
    manager = b.add(252, ValidatorManager, { validators: () => session?.api.validators() ?? [] });
    return { session, manager };
  });
  chain.run(() => chain.session.genesis?.build({ keys: genesis.map((n) => [account(n), keysOf(n)]) }));
  block = 1;
  startBlock(chain, block);
}
/** Starts the next block, in which a session ends. */
function nextSession() {
  block += 1;
  startBlock(chain, block);
  chain.run(() => chain.session.hooks.onInitialize?.(block));
}
const current = () => chain.run(() => chain.session.api.validators().map((v) => v[0]));
const queued = () => chain.run(() => chain.session.storage.QueuedKeys.get().map(([who]) => who[0]));
const dispatch = (origin: Parameters<MockChain["runtime"]["dispatch"]>[0], tag: string, ids: number[]) =>
  chain.run(() =>
    chain.runtime.dispatch(origin, {
      tag: "ValidatorManager",
      value: { tag, value: { validators: ids.map(account) } },
    }),
  );
const badOrigin = (o: DispatchOutcome) => !o.ok && o.error.tag === "BadOrigin";

describe("register and deregister", () => {
  it("only Root may change the set; a refused call changes nothing", () => {
    setup([1, 2, 3]);
    expect(badOrigin(dispatch(signed(account(1)), "register_validators", [4]))).toBe(true);
    expect(badOrigin(dispatch(NoneOrigin, "deregister_validators", [1]))).toBe(true);
    chain.run(() => {
      expect(chain.manager.storage.ValidatorsToAdd.get()).toEqual([]);
      expect(chain.manager.storage.ValidatorsToRetire.get()).toEqual([]);
    });
  });

  it("a change queues at the next session and is active at the one after; events name the validators", () => {
    setup([1, 2, 3]);
    chain.run(() => chain.system.api.incProviders(account(4)));
    const keys = chain.run(() =>
      chain.runtime.dispatch(signed(account(4)), {
        tag: "Session",
        value: { tag: "set_keys", value: { keys: keysOf(4), proof: new Uint8Array() } },
      }),
    );
    expect(keys.ok).toBe(true);
    nextSession(); // session 1: genesis set kept (index ≤ 1)
    expect(dispatch(Root, "register_validators", [4]).ok).toBe(true);
    expect(dispatch(Root, "deregister_validators", [2]).ok).toBe(true);
    expect(blockEvents(chain).filter((e) => e.name.startsWith("ValidatorManager."))).toEqual([
      { name: "ValidatorManager.ValidatorsRegistered", fields: { validators: [account(4)] } },
      { name: "ValidatorManager.ValidatorsDeregistered", fields: { validators: [account(2)] } },
    ]);
    nextSession(); // session 2 starts; the set of session 3 is queued
    expect(current()).toEqual([1, 2, 3]);
    expect(queued()).toEqual([1, 3, 4]);
    nextSession(); // session 3
    expect(current()).toEqual([1, 3, 4]);
    chain.run(() => {
      expect(chain.manager.storage.ValidatorsToAdd.get()).toEqual([]);
      expect(chain.manager.storage.ValidatorsToRetire.get()).toEqual([]);
    });
  });

  it("adding one already in the set changes nothing; one without session keys gets none queued", () => {
    setup([1, 2]);
    nextSession();
    expect(dispatch(Root, "register_validators", [2, 5, 5]).ok).toBe(true);
    nextSession();
    chain.run(() => expect(chain.session.storage.QueuedKeys.get().map(([who]) => who[0])).toEqual([1, 2]));
    nextSession();
    expect(current()).toEqual([1, 2]);
  });

  it("a change made in session 0 is queued at the first rotation, for session 2", () => {
    setup([1, 2]);
    expect(dispatch(Root, "deregister_validators", [1]).ok).toBe(true);
    nextSession();
    expect(current()).toEqual([1, 2]);
    expect(queued()).toEqual([2]);
  });
});
