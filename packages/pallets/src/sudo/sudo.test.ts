import { DispatchErrorCodec, NoneOrigin, Root, type RuntimeCall, signed, weight } from "@canary/frame";
import { fromHex, toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockEvents,
  checkSystemInvariants,
  type MockChain,
  mockChain,
  startBlock,
} from "../test/mockRuntime.ts";
import { Toy, type ToyInstance, toy } from "../test/toyPallet.ts";
import { Timestamp, timestampDefaults } from "../timestamp/index.ts";
import { Utility, utilityDefaults } from "../utility/index.ts";
import { Sudo, type SudoInstance } from "./index.ts";
import { weights } from "./weights.ts";

const alice = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
const bob = fromHex("0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");

const TOY = 9;
const SUDO = 255;

const { rootOnly, noteCaller, fail } = toy;
const sudoCall = (tag: string, value: unknown): RuntimeCall => ({ tag: "Sudo", value: { tag, value } });
const sudo = (inner: RuntimeCall) => sudoCall("sudo", { call: inner });
const id = (who: Uint8Array) => ({ tag: "Id" as const, value: who });

const refused = { tag: "Module", value: { index: TOY, error: Uint8Array.of(1, 0, 0, 0) } };
const errHex = (e: unknown) =>
  toHex(DispatchErrorCodec.enc(e as Parameters<typeof DispatchErrorCodec.enc>[0]));
const REQUIRE_SUDO = "0x03ff00000000"; // Module { index: 255, error: 0 }

type Chain = MockChain & { toy: ToyInstance; sudo: SudoInstance };
let chain: Chain;
afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function newChain(key: Uint8Array | null = alice): Chain {
  chain = mockChain((b, system) => {
    b.add(2, Timestamp, timestampDefaults());
    const toyPallet = b.add(TOY, Toy, {});
    b.add(24, Utility, utilityDefaults(system));
    return { toy: toyPallet, sudo: b.add(SUDO, Sudo, {}) };
  });
  chain.run(() => chain.sudo.genesis?.build(key ? { key } : {}));
  startBlock(chain);
  return chain;
}
const sudoKey = () => chain.sudo.api.key();
const dispatch = (origin: Parameters<MockChain["runtime"]["dispatch"]>[0], c: RuntimeCall) =>
  chain.run(() => chain.runtime.dispatch(origin, c));
const sudoEvents = () =>
  blockEvents(chain)
    .filter((e) => e.name.startsWith("Sudo."))
    .map((e) => ({ tag: e.name.slice("Sudo.".length), value: e.fields }));
const toyValue = () => chain.run(() => chain.toy.storage.Value.get());
const root = () => toHex(chain.run(() => chain.host.storageRoot(1)));

describe("genesis", () => {
  it("stores the key when given, and none otherwise", () => {
    newChain(alice);
    expect(toHex(chain.run(sudoKey)!)).toBe(toHex(alice));
    newChain(null);
    expect(chain.run(sudoKey)).toBeUndefined();
  });
});

describe("sudo", () => {
  it("dispatches as Root for the key, free of fees, and emits Sudid(Ok)", () => {
    newChain();
    const c = sudo(rootOnly(5));
    expect(chain.run(() => chain.runtime.info(c))).toEqual({
      weight: weight(100n + weights.sudo().refTime),
      class: "Normal",
      paysFee: "Yes",
    });
    expect(dispatch(signed(alice), c)).toEqual({ ok: true, post: { paysFee: "No" } });
    expect(toyValue()).toBe(5);
    expect(sudoEvents()).toEqual([{ tag: "Sudid", value: { sudo_result: { ok: true, value: undefined } } }]);
  });

  it("takes the inner call's dispatch class: sudo(set_code) is Operational, sudo(remark) Normal", () => {
    newChain();
    const setCode: RuntimeCall = {
      tag: "System",
      value: { tag: "set_code", value: { code: Uint8Array.of(1) } },
    };
    const remark: RuntimeCall = {
      tag: "System",
      value: { tag: "remark", value: { remark: Uint8Array.of(1) } },
    };
    expect(chain.run(() => chain.runtime.info(sudo(setCode))).class).toBe("Operational");
    expect(
      chain.run(() => chain.runtime.info(sudoCall("sudo_as", { who: id(bob), call: setCode }))).class,
    ).toBe("Operational");
    expect(chain.run(() => chain.runtime.info(sudo(remark))).class).toBe("Normal");
  });

  it("succeeds itself when the inner call fails, reporting Sudid(Err) with the inner writes rolled back", () => {
    newChain();
    expect(dispatch(signed(alice), sudo(fail))).toEqual({ ok: true, post: { paysFee: "No" } });
    expect(toyValue()).toBe(0);
    expect(sudoEvents()).toEqual([{ tag: "Sudid", value: { sudo_result: { ok: false, error: refused } } }]);
  });

  it("refuses other accounts with RequireSudo (paying), None with BadOrigin, and any account without a key", () => {
    newChain();
    const before = root();
    const byBob = dispatch(signed(bob), sudo(rootOnly(5)));
    expect(byBob.ok).toBe(false);
    if (!byBob.ok) expect(errHex(byBob.error)).toBe(REQUIRE_SUDO);
    expect(byBob.post.paysFee).toBe("Yes");
    expect(dispatch(NoneOrigin, sudo(rootOnly(5)))).toMatchObject({ ok: false, error: { tag: "BadOrigin" } });
    expect(root()).toBe(before);
    newChain(null);
    const noKey = dispatch(signed(alice), sudo(rootOnly(5)));
    expect(noKey.ok).toBe(false);
    if (!noKey.ok) expect(errHex(noKey.error)).toBe(REQUIRE_SUDO);
  });

  it("accepts Root itself, as FRAME's ensure_sudo does", () => {
    newChain(null);
    expect(dispatch(Root, sudo(rootOnly(8))).ok).toBe(true);
    expect(toyValue()).toBe(8);
  });

  it("sudo_unchecked_weight dispatches as Root with the weight the key gives", () => {
    newChain();
    const c = sudoCall("sudo_unchecked_weight", { call: rootOnly(3), weight: weight(1n, 2n) });
    expect(chain.run(() => chain.runtime.info(c)).weight).toEqual(weight(1n, 2n));
    const byBob = dispatch(signed(bob), c);
    if (!byBob.ok) expect(errHex(byBob.error)).toBe(REQUIRE_SUDO);
    expect(byBob.ok).toBe(false);
    expect(dispatch(signed(alice), c)).toEqual({ ok: true, post: { paysFee: "No" } });
    expect(toyValue()).toBe(3);
    expect(sudoEvents()).toEqual([{ tag: "Sudid", value: { sudo_result: { ok: true, value: undefined } } }]);
  });

  it("can batch Root calls through Utility", () => {
    newChain();
    const batch: RuntimeCall = {
      tag: "Utility",
      value: { tag: "batch_all", value: { calls: [rootOnly(1), rootOnly(2)] } },
    };
    expect(dispatch(signed(alice), sudo(batch)).ok).toBe(true);
    expect(toyValue()).toBe(2);
  });
});

describe("set_key and remove_key", () => {
  it("set_key moves the key and emits KeyChanged{old, new}; the old key loses its rights", () => {
    newChain();
    expect(dispatch(signed(alice), sudoCall("set_key", { new: id(bob) }))).toEqual({
      ok: true,
      post: { paysFee: "No" },
    });
    expect(toHex(chain.run(sudoKey)!)).toBe(toHex(bob));
    expect(sudoEvents()).toEqual([{ tag: "KeyChanged", value: { old: alice, new: bob } }]);
    const byAlice = dispatch(signed(alice), sudo(rootOnly(1)));
    if (!byAlice.ok) expect(errHex(byAlice.error)).toBe(REQUIRE_SUDO);
    expect(byAlice.ok).toBe(false);
    expect(dispatch(signed(bob), sudo(rootOnly(1))).ok).toBe(true);
  });

  it("set_key needs the key, and an address that names an account", () => {
    newChain();
    const byBob = dispatch(signed(bob), sudoCall("set_key", { new: id(bob) }));
    if (!byBob.ok) expect(errHex(byBob.error)).toBe(REQUIRE_SUDO);
    expect(byBob.ok).toBe(false);
    expect(dispatch(signed(alice), sudoCall("set_key", { new: { tag: "Index", value: 3 } }))).toMatchObject({
      ok: false,
      error: { tag: "CannotLookup" },
    });
    expect(toHex(chain.run(sudoKey)!)).toBe(toHex(alice));
  });

  it("Root may set a key when there is none (KeyChanged with old = None)", () => {
    newChain(null);
    expect(dispatch(Root, sudoCall("set_key", { new: id(bob) })).ok).toBe(true);
    expect(sudoEvents()).toEqual([{ tag: "KeyChanged", value: { old: undefined, new: bob } }]);
  });

  it("remove_key removes the key for good and emits KeyRemoved", () => {
    newChain();
    const byBob = dispatch(signed(bob), sudoCall("remove_key", {}));
    expect(byBob.ok).toBe(false);
    expect(dispatch(signed(alice), sudoCall("remove_key", {}))).toEqual({
      ok: true,
      post: { paysFee: "No" },
    });
    expect(chain.run(sudoKey)).toBeUndefined();
    expect(sudoEvents()).toEqual([{ tag: "KeyRemoved", value: {} }]);
    const after = dispatch(signed(alice), sudo(rootOnly(1)));
    if (!after.ok) expect(errHex(after.error)).toBe(REQUIRE_SUDO);
    expect(after.ok).toBe(false);
  });
});

describe("sudo_as", () => {
  it("dispatches signed by the given account and emits SudoAsDone", () => {
    newChain();
    const c = sudoCall("sudo_as", { who: id(bob), call: noteCaller });
    expect(chain.run(() => chain.runtime.info(c)).weight).toEqual(weight(200n + weights.sudoAs().refTime));
    expect(dispatch(signed(alice), c)).toEqual({ ok: true, post: { paysFee: "No" } });
    expect(toHex(chain.run(() => chain.toy.storage.LastCaller.get())!)).toBe(toHex(bob));
    expect(sudoEvents()).toEqual([
      { tag: "SudoAsDone", value: { sudo_result: { ok: true, value: undefined } } },
    ]);
  });

  it("reports the inner failure (a signed origin is not Root) and needs the key and a real account", () => {
    newChain();
    expect(dispatch(signed(alice), sudoCall("sudo_as", { who: id(bob), call: rootOnly(1) })).ok).toBe(true);
    expect(sudoEvents()).toEqual([
      { tag: "SudoAsDone", value: { sudo_result: { ok: false, error: { tag: "BadOrigin" } } } },
    ]);
    const byBob = dispatch(signed(bob), sudoCall("sudo_as", { who: id(bob), call: noteCaller }));
    if (!byBob.ok) expect(errHex(byBob.error)).toBe(REQUIRE_SUDO);
    expect(byBob.ok).toBe(false);
    expect(
      dispatch(
        signed(alice),
        sudoCall("sudo_as", { who: { tag: "Raw", value: Uint8Array.of(1) }, call: noteCaller }),
      ),
    ).toMatchObject({ ok: false, error: { tag: "CannotLookup" } });
    expect(chain.run(() => chain.toy.storage.LastCaller.get())).toBeUndefined();
  });
});

describe("encoding and metadata", () => {
  it("uses FRAME's call, event and error indices", () => {
    newChain();
    expect(toHex(chain.runtime.callCodec.enc(sudo(rootOnly(1))))).toBe("0xff00090201000000");
    expect(toHex(chain.runtime.callCodec.enc(sudoCall("remove_key", {})))).toBe("0xff04");
    expect(toHex(chain.runtime.callCodec.enc(sudoCall("set_key", { new: id(bob) })))).toBe(
      `0xff0200${toHex(bob).slice(2)}`,
    );
    const meta = chain.runtime.metadataPallets().find((p) => p.name === "Sudo");
    const variants = (d: unknown) =>
      (d as { variants: { name: string; index: number }[] }).variants.map((v) => [v.name, v.index]);
    expect(variants(meta?.calls)).toEqual([
      ["sudo", 0],
      ["sudo_unchecked_weight", 1],
      ["set_key", 2],
      ["sudo_as", 3],
      ["remove_key", 4],
    ]);
    expect(variants(meta?.event)).toEqual([
      ["Sudid", 0],
      ["KeyChanged", 1],
      ["KeyRemoved", 2],
      ["SudoAsDone", 3],
    ]);
    expect(variants(meta?.error)).toEqual([["RequireSudo", 0]]);
    expect(meta?.storage?.entries.map((e) => [e.name, e.modifier])).toEqual([["Key", "Optional"]]);
  });
});
