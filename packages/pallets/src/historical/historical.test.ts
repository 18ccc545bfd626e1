import { signed } from "@canary/frame";
import { MembershipProof } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { Session, type SessionInstance, type SessionKeys } from "../session/index.ts";
import { checkSystemInvariants, type MockChain, mockChain, startBlock } from "../test/mockRuntime.ts";
import { Historical, type HistoricalInstance } from "./index.ts";

const BABE = Uint8Array.from("babe", (c) => c.charCodeAt(0));
const KEY_TYPES = [{ name: "babe", id: BABE, length: 32 }];
const account = (n: number) => new Uint8Array(32).fill(n);
const keysOf = (n: number): SessionKeys => ({ babe: new Uint8Array(32).fill(100 + n) });

type Chain = MockChain & { session: SessionInstance; historical: HistoricalInstance };
let chain: Chain;
let block = 1;
let next: Uint8Array[] | undefined;
afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function setup(genesis: number[]) {
  let session: SessionInstance | undefined;
  chain = mockChain((b, system) => {
    const historical = b.add(34, Historical, { session: () => session! });
    session = b.add(8, Session, {
      system,
      keyTypes: KEY_TYPES,
      shouldEndSession: () => true,
      sessionManager: historical.api.noteHistoricalRoot({ newSession: () => next }),
      handlers: () => [],
    });
    return { session, historical };
  });
  chain.run(() => chain.session.genesis?.build({ keys: genesis.map((n) => [account(n), keysOf(n)]) }));
  block = 1;
  startBlock(chain, block);
}
function rotate(validators?: number[]) {
  next = validators?.map(account);
  block += 1;
  startBlock(chain, block);
  chain.run(() => chain.session.hooks.onInitialize?.(block));
  next = undefined;
}
const api = () => chain.historical.api;
const key = (n: number) => ({ keyType: BABE, key: keysOf(n).babe! });

describe("key ownership proofs", () => {
  it("prove a key of the current session, and still prove it once later sessions have begun", () => {
    setup([1, 2, 3]);
    rotate();
    const proof = chain.run(() => api().prove(key(2)))!;
    expect(proof).toMatchObject({ session: 1, validatorCount: 3 });
    expect(chain.run(() => api().checkProof(key(2), proof))).toEqual(account(2));
    // Session 1's root was noted when it was asked for: later the trie proof answers.
    rotate([1, 2]);
    rotate();
    rotate();
    expect(chain.run(() => chain.session.api.currentIndex())).toBe(4);
    expect(chain.run(() => api().checkProof(key(2), proof))).toEqual(account(2));
    // The same proof does not make another key its owner's, nor hold with another count.
    expect(chain.run(() => api().checkProof(key(1), proof))).toBeUndefined();
    expect(chain.run(() => api().checkProof(key(2), { ...proof, validatorCount: 2 }))).toBeUndefined();
    expect(
      chain.run(() => api().checkProof(key(2), { ...proof, trieNodes: proof.trieNodes.slice(1) })),
    ).toBeUndefined();
    // Round-trips as SCALE, as the runtime API hands it out.
    expect(MembershipProof.dec(MembershipProof.enc(proof))).toEqual(proof);
  });

  it("a key nobody holds has no proof; a removed validator's proof of its last session still holds", () => {
    setup([1, 2]);
    expect(chain.run(() => api().prove(key(9)))).toBeUndefined();
    rotate();
    const proof = chain.run(() => api().prove(key(2)))!;
    rotate([1]);
    rotate();
    expect(chain.run(() => chain.session.api.validators())).toEqual([account(1)]);
    expect(chain.run(() => api().checkProof(key(2), proof))).toEqual(account(2));
    // Its keys are still set: only the current session's answer from Session itself is gone.
    expect(
      chain.run(() =>
        chain.runtime.dispatch(signed(account(2)), {
          tag: "Session",
          value: { tag: "purge_keys", value: {} },
        }),
      ).ok,
    ).toBe(true);
    expect(chain.run(() => api().checkProof(key(2), proof))).toEqual(account(2));
  });
});
