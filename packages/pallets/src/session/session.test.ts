import { type DispatchOutcome, NoneOrigin, signed } from "@canary/frame";
import { toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockEvents,
  checkSystemInvariants,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import {
  Session,
  type SessionHandler,
  type SessionInstance,
  type SessionKeys,
  type ValidatorKeys,
} from "./index.ts";

const KEY_TYPES = [
  { name: "babe", id: Uint8Array.from("babe", (c) => c.charCodeAt(0)), length: 32 },
  { name: "grandpa", id: Uint8Array.from("gran", (c) => c.charCodeAt(0)), length: 32 },
];
const account = (n: number) => new Uint8Array(32).fill(n);
const keysOf = (n: number): SessionKeys => ({
  babe: new Uint8Array(32).fill(100 + n),
  grandpa: new Uint8Array(32).fill(200 + n),
});
const [alice, bob, charlie, dave] = [1, 2, 3, 4].map(account) as [
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
];

/** A handler that records what it hears, as BABE or GRANDPA would. */
function recorder(keyName: string) {
  const heard: Array<{
    kind: string;
    changed?: boolean;
    validators: string[];
    queued?: string[];
    session?: number;
  }> = [];
  const ids = (v: ValidatorKeys) => v.map(([who, key]) => `${who[0]}:${key[0]}`);
  const handler: SessionHandler = {
    keyName,
    onGenesisSession: (v) => heard.push({ kind: "genesis", validators: ids(v) }),
    onNewSession: (changed, v, q, session) =>
      heard.push({ kind: "new", changed, validators: ids(v), queued: ids(q), session }),
    onDisabled: (index) => heard.push({ kind: "disabled", validators: [String(index)] }),
  };
  return { handler, heard };
}

type Chain = MockChain & { session: SessionInstance };
let chain: Chain;
let endSession = false;
let nextValidators: Uint8Array[] | undefined;
afterEach(() => {
  endSession = false;
  nextValidators = undefined;
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function setup(genesis: number[] = [1, 2]) {
  const babe = recorder("babe");
  chain = mockChain((b, system) => ({
    session: b.add(8, Session, {
      system,
      keyTypes: KEY_TYPES,
      shouldEndSession: () => endSession,
      sessionManager: { newSession: () => nextValidators },
      handlers: () => [babe.handler],
    }),
  }));
  chain.run(() => chain.session.genesis?.build({ keys: genesis.map((n) => [account(n), keysOf(n)]) }));
  startBlock(chain);
  return babe.heard;
}
const api = () => chain.session.api;
const call = (tag: string, value: unknown) => ({ tag: "Session", value: { tag, value } });
const dispatch = (who: Uint8Array, tag: string, value: unknown): DispatchOutcome =>
  chain.run(() => chain.runtime.dispatch(signed(who), call(tag, value)));
const errorName = (o: DispatchOutcome) =>
  !o.ok && o.error.tag === "Module"
    ? Object.keys(chain.session.decl.spec.errors ?? {})[o.error.value.error[0]!]
    : o.ok;
const validators = () =>
  chain.run(() =>
    api()
      .validators()
      .map((v) => v[0]),
  );
const rotateAt = (block: number) => {
  endSession = true;
  startBlock(chain, block);
  chain.run(() => chain.session.hooks.onInitialize?.(block));
  endSession = false;
};

describe("genesis", () => {
  it("sets the validators' keys and key owners, gives new accounts a provider, and tells the handlers", () => {
    const heard = setup([1, 2]);
    expect(validators()).toEqual([1, 2]);
    expect(heard).toEqual([{ kind: "genesis", validators: ["1:101", "2:102"] }]);
    chain.run(() => {
      expect(toHex(api().keyOwner(KEY_TYPES[1]!.id, keysOf(2).grandpa!)!)).toBe(toHex(bob));
      // Keys are a consumer of the account: it cannot be reaped while it has keys.
      expect(chain.system.api.account(alice)).toMatchObject({ providers: 1, consumers: 1 });
      expect(chain.session.storage.QueuedKeys.get().map(([who]) => who[0])).toEqual([1, 2]);
    });
  });
});

describe("set_keys and purge_keys", () => {
  it("a new account's keys need it to exist; a key owned by another is refused", () => {
    setup([1, 2]);
    expect(errorName(dispatch(charlie, "set_keys", { keys: keysOf(3), proof: new Uint8Array() }))).toBe(
      "NoAccount",
    );
    chain.run(() => chain.system.api.incProviders(charlie));
    expect(errorName(dispatch(charlie, "set_keys", { keys: keysOf(1), proof: new Uint8Array() }))).toBe(
      "DuplicatedKey",
    );
    expect(dispatch(charlie, "set_keys", { keys: keysOf(3), proof: new Uint8Array() }).ok).toBe(true);
    chain.run(() => expect(chain.system.api.account(charlie).consumers).toBe(1));
  });

  it("replacing keys frees the old ones; purging frees all and the consumer", () => {
    setup([1, 2]);
    const fresh = { babe: new Uint8Array(32).fill(7), grandpa: keysOf(1).grandpa! };
    expect(dispatch(alice, "set_keys", { keys: fresh, proof: new Uint8Array() }).ok).toBe(true);
    chain.run(() => {
      expect(api().keyOwner(KEY_TYPES[0]!.id, keysOf(1).babe!)).toBeUndefined();
      expect(toHex(api().keyOwner(KEY_TYPES[0]!.id, fresh.babe)!)).toBe(toHex(alice));
      expect(chain.system.api.account(alice).consumers).toBe(1);
    });
    expect(dispatch(alice, "purge_keys", {}).ok).toBe(true);
    expect(errorName(dispatch(alice, "purge_keys", {}))).toBe("NoKeys");
    chain.run(() => {
      expect(api().keyOwner(KEY_TYPES[1]!.id, fresh.grandpa)).toBeUndefined();
      expect(chain.system.api.account(alice).consumers).toBe(0);
    });
    expect(chain.run(() => chain.runtime.dispatch(NoneOrigin, call("purge_keys", {})))).toMatchObject({
      ok: false,
      error: { tag: "BadOrigin" },
    });
  });
});

describe("rotation", () => {
  it("the queued set becomes current; the manager's next set is queued with its keys; handlers hear both", () => {
    const heard = setup([1, 2]);
    chain.run(() => {
      chain.system.api.incProviders(charlie);
      chain.system.api.incProviders(dave);
    });
    dispatch(charlie, "set_keys", { keys: keysOf(3), proof: new Uint8Array() });
    // Dave is elected but has no keys: FRAME leaves such a validator out of the queue.
    nextValidators = [charlie, dave];
    rotateAt(2);
    expect(validators()).toEqual([1, 2]);
    expect(chain.run(() => api().currentIndex())).toBe(1);
    expect(heard.at(-1)).toEqual({
      kind: "new",
      changed: false,
      validators: ["1:101", "2:102"],
      queued: ["3:103"],
      session: 1,
    });
    expect(blockEvents(chain).map((e) => e.name)).toEqual(["Session.NewSession"]);
    nextValidators = undefined;
    rotateAt(3);
    expect(validators()).toEqual([3]);
    expect(heard.at(-1)).toMatchObject({
      kind: "new",
      changed: true,
      validators: ["3:103"],
      queued: ["3:103"],
      session: 2,
    });
    rotateAt(4);
    expect(heard.at(-1)).toMatchObject({ changed: false, session: 3 });
  });

  it("no session ends while the rule says no", () => {
    setup([1, 2]);
    startBlock(chain, 2);
    chain.run(() => chain.session.hooks.onInitialize?.(2));
    expect(chain.run(() => api().currentIndex())).toBe(0);
  });
});

describe("disabling", () => {
  it("disables a validator of the current set once, sorted, tells the handlers, and clears at the next session", () => {
    const heard = setup([1, 2, 3]);
    const disabled = () => chain.run(() => chain.session.storage.DisabledValidators.get());
    expect(chain.run(() => api().disable(2))).toBe(true);
    expect(chain.run(() => api().disable(0))).toBe(true);
    expect(chain.run(() => api().disable(2))).toBe(false);
    expect(chain.run(() => api().disable(3))).toBe(false);
    expect(disabled()).toEqual([0, 2]);
    expect(heard.filter((h) => h.kind === "disabled").map((h) => h.validators[0])).toEqual(["2", "0"]);
    chain.run(() => api().rotate());
    expect(disabled()).toEqual([]);
  });
});
