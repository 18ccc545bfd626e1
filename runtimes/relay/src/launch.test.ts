/**
 * The launch restriction in the relay runtime: while restricted, signed origins may dispatch only
 * staking, session, claims, vesting, sudo (and Utility batches of those); a transfer, alone or in a
 * batch, is `System::CallFiltered`; Root is never filtered; `Launch.lift_restriction` ends it once.
 */
import { type DispatchOutcome, Root, type RuntimeCall, signed, withHost } from "@canary/frame";
import { MemoryHost } from "@canary/frame/testing";
import { encodeUtf8, toHex } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { DEV_ACCOUNTS } from "./devAccounts.ts";
import { buildState, getPreset, LAUNCH_PRESET } from "./genesis.ts";
import { createRelayRuntime } from "./index.ts";

const { Alice, Bob } = DEV_ACCOUNTS;
const UNITS = 10n ** 12n;

function launchChain(restricted: boolean) {
  const relay = createRelayRuntime();
  const host = new MemoryHost();
  const config = {
    balances: {
      balances: [
        [toHex(Alice), (1000n * UNITS).toString()],
        [toHex(Bob), (1000n * UNITS).toString()],
      ],
    },
    sudo: { key: toHex(Alice) },
    launch: { restricted },
  };
  const built = withHost(host, () => buildState(relay, encodeUtf8(JSON.stringify(config))));
  expect(built.ok).toBe(true);
  withHost(host, () => relay.pallets.system.api.initializeBlock(1, new Uint8Array(32), []));
  const dispatch = (origin: Parameters<typeof signed>[0] | typeof Root, call: RuntimeCall): DispatchOutcome =>
    withHost(host, () =>
      relay.runtime.dispatch(origin instanceof Uint8Array ? signed(origin) : origin, call),
    );
  return { relay, host, dispatch };
}

const call = (pallet: string, name: string, value: unknown = {}): RuntimeCall => ({
  tag: pallet,
  value: { tag: name, value },
});
const transfer = call("Balances", "transfer_keep_alive", { dest: { tag: "Id", value: Bob }, value: UNITS });
const CALL_FILTERED = { tag: "Module", value: { index: 0, error: Uint8Array.of(5, 0, 0, 0) } };

describe("the launch restriction", () => {
  it("filters transfers of signed origins, alone or batched, and lets staking and Root through", () => {
    const { dispatch, relay, host } = launchChain(true);
    const sudoResults = () =>
      withHost(host, () => relay.pallets.system.storage.Events.get())
        .filter((e) => e.event.tag === "Sudo")
        .map((e) => (e.event.value.value as { sudo_result: unknown }).sudo_result);
    expect(dispatch(Alice, transfer)).toMatchObject({ ok: false, error: CALL_FILTERED });
    const batch = dispatch(Alice, call("Utility", "batch_all", { calls: [transfer] }));
    expect(batch).toMatchObject({ ok: false, error: CALL_FILTERED });
    expect(
      dispatch(Alice, call("Staking", "bond", { value: 10n * UNITS, payee: { tag: "Staked" } })).ok,
    ).toBe(true);
    expect(dispatch(Alice, call("System", "remark", { remark: Uint8Array.of(1) }))).toMatchObject({
      ok: false,
      error: CALL_FILTERED,
    });
    // Root, through sudo, is not filtered; a signed origin through sudo_as is.
    const force = call("Balances", "force_transfer", {
      source: { tag: "Id", value: Alice },
      dest: { tag: "Id", value: Bob },
      value: UNITS,
    });
    expect(dispatch(Root, force).ok).toBe(true);
    expect(dispatch(Alice, call("Sudo", "sudo", { call: force })).ok).toBe(true);
    expect(sudoResults()).toEqual([{ ok: true, value: undefined }]);
    dispatch(Alice, call("Sudo", "sudo_as", { who: { tag: "Id", value: Alice }, call: transfer }));
    expect(sudoResults()[1]).toMatchObject({ ok: false, error: CALL_FILTERED });
  });

  it("lift_restriction is Root's, works once, and then transfers pass", () => {
    const { dispatch } = launchChain(true);
    expect(dispatch(Alice, call("Launch", "lift_restriction")).ok).toBe(false);
    expect(dispatch(Root, call("Launch", "lift_restriction")).ok).toBe(true);
    expect(dispatch(Alice, transfer).ok).toBe(true);
    expect(dispatch(Root, call("Launch", "lift_restriction"))).toMatchObject({
      ok: false,
      error: { tag: "Module", value: { index: 251, error: Uint8Array.of(0, 0, 0, 0) } },
    });
  });

  it("an unrestricted genesis filters nothing", () => {
    const { dispatch } = launchChain(false);
    expect(dispatch(Alice, transfer).ok).toBe(true);
  });
});

describe("the launch's genesis", () => {
  const build = (config: unknown) => {
    const relay = createRelayRuntime();
    const host = new MemoryHost();
    const result = withHost(host, () => buildState(relay, encodeUtf8(JSON.stringify(config))));
    return { relay, host, result };
  };

  it("the canary preset starts restricted, with two invulnerable PoA validators and no eras forced", () => {
    const relay = createRelayRuntime();
    const host = new MemoryHost();
    withHost(host, () => {
      expect(buildState(relay, getPreset(encodeUtf8(LAUNCH_PRESET))!)).toEqual({
        ok: true,
        value: undefined,
      });
      const staking = relay.pallets.staking.storage;
      expect(staking.ForceEra.get()).toEqual({ tag: "ForceNone" });
      expect(staking.Invulnerables.get()).toEqual([Alice, Bob]);
      expect(staking.ActiveEra.get()?.index).toBe(0);
      // The genesis election's winners, in account order, are the first session's validators.
      expect(relay.pallets.session.api.validators()).toEqual([Bob, Alice]);
      expect(relay.pallets.launch.api.restricted()).toBe(true);
    });
  });

  it("refuses a bad staking section with the path of what is wrong", () => {
    const alice = toHex(Alice);
    const funded = { balances: { balances: [[alice, (100n * UNITS).toString()]] } };
    const cases: Array<[unknown, RegExp]> = [
      [
        { ...funded, staking: { stakers: [[alice, alice, "10", "Boss"]] } },
        /genesis\.staking\.stakers\[0\]\[3\]/,
      ],
      [
        { ...funded, staking: { stakers: [[alice, alice, (1000n * UNITS).toString(), "Validator"]] } },
        /STAKING_GENESIS.*cannot bond/,
      ],
      [
        { ...funded, staking: { sessionsPerEra: 2, bondingDuration: 3, slashDeferDuration: 3 } },
        /STAKING_GENESIS.*slashDeferDuration below bondingDuration/,
      ],
      [{ ...funded, staking: { forceEra: "Sometimes" } }, /genesis\.staking\.forceEra: expected one of/],
      [{ ...funded, launch: { restricted: "yes" } }, /genesis\.launch\.restricted: expected true or false/],
    ];
    for (const [config, error] of cases) {
      const { result } = build(config);
      expect(result.ok).toBe(false);
      expect((result as { error: string }).error).toMatch(error);
    }
  });
});
