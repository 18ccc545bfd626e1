import { ecdsaRecoverUncompressedPrehashed, initCrypto } from "@canary/crypto";
import {
  type DispatchOutcome,
  NoneOrigin,
  type Origin,
  Root,
  type RuntimeCall,
  signed,
  TransactionRejected,
} from "@canary/frame";
import { type AccountId32, fromHex, toHex } from "@canary/primitives";
import { privateKeyToAccount } from "viem/accounts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Balances, type BalancesInstance, balancesDefaults } from "../balances/index.ts";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants, type MockChain, mockChain, startBlock } from "../test/mockRuntime.ts";
import { checkVestingInvariants } from "../test/vestingInvariants.ts";
import { Vesting, type VestingInstance, vestingDefaults } from "../vesting/index.ts";
import { errors } from "./errors.ts";
import { Claims, type ClaimsInstance, claimsDefaults, STATEMENT_TEXT, ValidityError } from "./index.ts";

const UNITS = 1_000_000_000_000n;
const CLAIMS = 19;
const alice = new Uint8Array(32).fill(1);
const bob = new Uint8Array(32).fill(2);

// Ethereum keys held by viem, an implementation independent of Canary's.
const eve = privateKeyToAccount(`0x${"11".repeat(32)}`);
const frank = privateKeyToAccount(`0x${"22".repeat(32)}`);
const grace = privateKeyToAccount(`0x${"33".repeat(32)}`); // no claim
/** A fresh address to move a claim to (moving onto an existing claim would overwrite it, as FRAME). */
const heidi = new Uint8Array(20).fill(0x44);
const addr = (a: { address: string }) => fromHex(a.address.toLowerCase());

/** What a wallet signs: Kusama's prefix, the account in lower-case hex, then the statement. */
const sign = async (who: typeof eve, dest: AccountId32, statement = "") =>
  fromHex(
    await who.signMessage({ message: `Pay KSMs to the Kusama account:${toHex(dest).slice(2)}${statement}` }),
  );

/** The node's recovery, answering undefined for a bad signature as the host does. */
function recoverOrNone(sig: Uint8Array, hash: Uint8Array): Uint8Array | undefined {
  try {
    return ecdsaRecoverUncompressedPrehashed(sig, hash);
  } catch {
    return undefined;
  }
}

type Chain = MockChain & { balances: BalancesInstance; vesting: VestingInstance; claims: ClaimsInstance };
let chain: Chain;

beforeAll(() => initCrypto());
afterEach(() => {
  expect(checkSystemInvariants(chain)).toEqual([]);
  expect(checkBalancesInvariants(chain)).toEqual([]);
  expect(checkVestingInvariants(chain)).toEqual([]);
  expect(checkClaimsInvariants()).toEqual([]);
});

/** Claims::Total is the sum of the outstanding claims; every vesting or statement entry has a claim. */
function checkClaimsInvariants(): string[] {
  return run(() => {
    const s = chain.claims.storage;
    const problems: string[] = [];
    const claims = [...s.Claims.entries()];
    const sum = claims.reduce((t, [, v]) => t + v, 0n);
    if (sum !== s.Total.get()) problems.push(`Total ${s.Total.get()} is not the sum of claims ${sum}`);
    const has = new Set(claims.map(([[a]]) => toHex(a)));
    for (const [[a]] of s.Vesting.entries())
      if (!has.has(toHex(a))) problems.push(`${toHex(a)}: vesting without claim`);
    for (const [[a]] of s.Signing.entries())
      if (!has.has(toHex(a))) problems.push(`${toHex(a)}: statement without claim`);
    return problems;
  });
}

/** Eve claims 100 KSM plainly; Frank 200 KSM vesting, with the Saft statement, preclaimed by Bob. */
function setup() {
  chain = mockChain(
    (b, system) => {
      const balances = b.add(4, Balances, balancesDefaults(system));
      const vesting = b.add(28, Vesting, vestingDefaults(system, balances));
      return { balances, vesting, claims: b.add(CLAIMS, Claims, claimsDefaults(balances, vesting)) };
    },
    { secp256k1RecoverUncompressed: recoverOrNone },
  );
  chain.run(() => {
    chain.balances.genesis?.build({ balances: [[alice, 10n * UNITS]] });
    chain.claims.genesis?.build({
      claims: [
        [addr(eve), 100n * UNITS, null, null],
        [addr(frank), 200n * UNITS, bob, "Saft"],
      ],
      vesting: [[addr(frank), [150n * UNITS, UNITS, 10]]],
    });
  });
  startBlock(chain);
}
const run = <T>(fn: () => T): T => chain.run(fn);
const call = (tag: string, value: unknown): RuntimeCall => ({ tag: "Claims", value: { tag, value } });
const dispatch = (origin: Origin, c: RuntimeCall): DispatchOutcome =>
  run(() => chain.runtime.dispatch(origin, c));
const free = (who: AccountId32) => run(() => chain.balances.api.freeBalance(who));
const issuance = () => run(() => chain.balances.api.totalIssuance());
const root = () => toHex(chain.host.storageRoot(1));
const validate = (c: RuntimeCall) => run(() => chain.claims.api.validateUnsigned(c));
function validityCode(c: RuntimeCall): number | string {
  try {
    run(() => chain.claims.api.validateUnsigned(c));
    return "valid";
  } catch (e) {
    if (!(e instanceof TransactionRejected)) throw e;
    const v = e.error.value;
    return v.tag === "Custom" ? (v.value as number) : v.tag;
  }
}
function errorOf(outcome: DispatchOutcome): string | undefined {
  if (outcome.ok) return undefined;
  if (outcome.error.tag !== "Module") return outcome.error.tag;
  const { index, error } = outcome.error.value;
  expect(index).toBe(CLAIMS);
  return Object.entries(errors).find(([, e]) => e.index === error[0])?.[0];
}
const claimEvents = () =>
  run(() => chain.system.storage.Events.get())
    .filter((e) => e.event.tag === "Claims")
    .map((e) => e.event.value.value);

describe("the signed message", () => {
  it("is personal_sign's, so a viem signature recovers to the viem address", async () => {
    setup();
    const sig = await sign(eve, alice);
    expect(toHex(run(() => chain.claims.api.recoverSigner(sig, alice, new Uint8Array()))!)).toBe(
      toHex(addr(eve)),
    );
    // The length in the message is 95 for a plain claim (31 + 64).
    expect(toHex(run(() => chain.claims.api.recoverSigner(sig, bob, new Uint8Array()))!)).not.toBe(
      toHex(addr(eve)),
    );
  });
});

describe("claim", () => {
  it("validates with Kusama's priority and tag, pays the claim and empties it", async () => {
    setup();
    const c = call("claim", { dest: alice, ethereum_signature: await sign(eve, alice) });
    expect(validate(c)).toEqual({
      priority: 100n,
      longevity: (1n << 64n) - 1n,
      provides: [
        fromHex(
          `0x18${Buffer.from("claims").toString("hex")}${addr(eve).length ? toHex(addr(eve)).slice(2) : ""}`,
        ),
      ],
    });
    const before = issuance();
    expect(dispatch(NoneOrigin, c).ok).toBe(true);
    expect(free(alice)).toBe(110n * UNITS);
    expect(issuance()).toBe(before + 100n * UNITS);
    expect(run(() => chain.claims.api.total())).toBe(200n * UNITS);
    expect(claimEvents()).toEqual([{ who: alice, ethereum_address: addr(eve), amount: 100n * UNITS }]);
  });

  it("bad input: wrong signature, no claim, spent claim, statement needed — each refused, nothing changed", async () => {
    setup();
    const before = root();
    const forged = await sign(eve, alice);
    forged[10] = forged[10]! ^ 1;
    const bad = call("claim", { dest: alice, ethereum_signature: forged });
    // A corrupted signature recovers no key or someone else's address without a claim.
    expect([ValidityError.InvalidEthereumSignature, ValidityError.SignerHasNoClaim]).toContain(
      validityCode(bad),
    );
    expect(["InvalidEthereumSignature", "SignerHasNoClaim"]).toContain(errorOf(dispatch(NoneOrigin, bad)));
    const garbage = call("claim", { dest: alice, ethereum_signature: new Uint8Array(65) });
    expect(validityCode(garbage)).toBe(ValidityError.InvalidEthereumSignature);
    expect(errorOf(dispatch(NoneOrigin, garbage))).toBe("InvalidEthereumSignature");
    const none = call("claim", { dest: alice, ethereum_signature: await sign(grace, alice) });
    expect(validityCode(none)).toBe(ValidityError.SignerHasNoClaim);
    expect(errorOf(dispatch(NoneOrigin, none))).toBe("SignerHasNoClaim");
    const needsStatement = call("claim", { dest: alice, ethereum_signature: await sign(frank, alice) });
    expect(validityCode(needsStatement)).toBe(ValidityError.InvalidStatement);
    expect(errorOf(dispatch(NoneOrigin, needsStatement))).toBe("InvalidStatement");
    expect(
      errorOf(
        dispatch(signed(alice), call("claim", { dest: alice, ethereum_signature: await sign(eve, alice) })),
      ),
    ).toBe("BadOrigin");
    expect(root()).toBe(before);
    const good = call("claim", { dest: alice, ethereum_signature: await sign(eve, alice) });
    expect(dispatch(NoneOrigin, good).ok).toBe(true);
    const spent = root();
    expect(validityCode(good)).toBe(ValidityError.SignerHasNoClaim);
    expect(errorOf(dispatch(NoneOrigin, good))).toBe("SignerHasNoClaim");
    expect(root()).toBe(spent);
  });
});

describe("claim_attest and attest", () => {
  it("claim_attest pays a vested claim with its statement and locks the schedule", async () => {
    setup();
    const statement = STATEMENT_TEXT.Saft;
    const sig = await sign(frank, alice, statement);
    const c = call("claim_attest", {
      dest: alice,
      ethereum_signature: sig,
      statement: new TextEncoder().encode(statement),
    });
    expect(validityCode(c)).toBe("valid");
    expect(dispatch(NoneOrigin, c).ok).toBe(true);
    expect(free(alice)).toBe(210n * UNITS);
    expect(run(() => chain.vesting.api.schedules(alice))).toEqual([
      { locked: 150n * UNITS, per_block: UNITS, starting_block: 10 },
    ]);
  });

  it("claim_attest with the wrong statement is refused with InvalidStatement (code 3), changing nothing", async () => {
    setup();
    const before = root();
    const wrong = STATEMENT_TEXT.Regular;
    const c = call("claim_attest", {
      dest: alice,
      ethereum_signature: await sign(frank, alice, wrong),
      statement: new TextEncoder().encode(wrong),
    });
    expect(validityCode(c)).toBe(ValidityError.InvalidStatement);
    expect(errorOf(dispatch(NoneOrigin, c))).toBe("InvalidStatement");
    expect(root()).toBe(before);
  });

  it("a vested claim to an account already vesting is VestedBalanceExists", async () => {
    setup();
    run(() =>
      chain.vesting.api.addVestingSchedule(alice, { locked: UNITS, per_block: 1n, starting_block: 0 }),
    );
    const before = root();
    const statement = STATEMENT_TEXT.Saft;
    const c = call("claim_attest", {
      dest: alice,
      ethereum_signature: await sign(frank, alice, statement),
      statement: new TextEncoder().encode(statement),
    });
    expect(errorOf(dispatch(NoneOrigin, c))).toBe("VestedBalanceExists");
    expect(root()).toBe(before);
  });

  it("attest pays the preclaimed account for free; PrevalidateAttests refuses others", () => {
    setup();
    const ext = chain.claims.api.prevalidateAttests;
    const check = (who: AccountId32, statement: string) => {
      const c = call("attest", { statement: new TextEncoder().encode(statement) });
      try {
        run(() =>
          ext.check?.(
            { who, call: c, info: run(() => chain.runtime.info(c)), len: 0 },
            undefined,
            {} as never,
          ),
        );
        return "valid";
      } catch (e) {
        return ((e as TransactionRejected).error.value as { value?: unknown }).value;
      }
    };
    expect(check(alice, STATEMENT_TEXT.Saft)).toBe(ValidityError.SignerHasNoClaim);
    expect(check(bob, STATEMENT_TEXT.Regular)).toBe(ValidityError.InvalidStatement);
    expect(check(bob, STATEMENT_TEXT.Saft)).toBe("valid");
    const before = root();
    const attest = (who: AccountId32, s: string) =>
      dispatch(signed(who), call("attest", { statement: new TextEncoder().encode(s) }));
    expect(errorOf(attest(alice, STATEMENT_TEXT.Saft))).toBe("SenderHasNoClaim");
    expect(errorOf(attest(bob, STATEMENT_TEXT.Regular))).toBe("InvalidStatement");
    expect(root()).toBe(before);
    expect(run(() => chain.runtime.info(call("attest", { statement: new Uint8Array() }))).paysFee).toBe("No");
    expect(attest(bob, STATEMENT_TEXT.Saft).ok).toBe(true);
    expect(free(bob)).toBe(200n * UNITS);
    expect(run(() => chain.claims.storage.Preclaims.contains(bob))).toBe(false);
  });
});

describe("mint_claim and move_claim", () => {
  it("mint_claim (Root) adds to Total; move_claim (Root) moves claim, vesting, statement and preclaim", async () => {
    setup();
    const mint = call("mint_claim", {
      who: addr(grace),
      value: 5n * UNITS,
      vesting_schedule: undefined,
      statement: { tag: "Regular" },
    });
    expect(errorOf(dispatch(signed(alice), mint))).toBe("BadOrigin");
    expect(dispatch(Root, mint).ok).toBe(true);
    expect(run(() => chain.claims.api.total())).toBe(305n * UNITS);
    const move = call("move_claim", { old: addr(frank), new: heidi, maybe_preclaim: bob });
    expect(errorOf(dispatch(signed(alice), move))).toBe("BadOrigin");
    expect(dispatch(Root, move)).toEqual({ ok: true, post: { paysFee: "No" } });
    const s = chain.claims.storage;
    expect(run(() => [s.Claims.get(heidi), s.Claims.contains(addr(frank)), s.Signing.get(heidi)])).toEqual([
      200n * UNITS,
      false,
      { tag: "Saft" },
    ]);
    expect(toHex(run(() => s.Preclaims.get(bob))!)).toBe(toHex(heidi));
  });
});

describe("encoding and metadata", () => {
  it("uses Kusama's call, event, error and storage names and indices", () => {
    setup();
    const meta = chain.runtime.metadataPallets().find((p) => p.name === "Claims");
    const variants = (d: unknown) =>
      (d as { variants: { name: string; index: number }[] }).variants.map((v) => [v.name, v.index]);
    expect(variants(meta?.calls)).toEqual([
      ["claim", 0],
      ["mint_claim", 1],
      ["claim_attest", 2],
      ["attest", 3],
      ["move_claim", 4],
    ]);
    expect(variants(meta?.event)).toEqual([["Claimed", 0]]);
    expect(variants(meta?.error).map(([n]) => n)).toEqual(Object.keys(errors));
    expect(meta?.storage?.entries.map((e) => e.name)).toEqual([
      "Claims",
      "Total",
      "Vesting",
      "Signing",
      "Preclaims",
    ]);
    expect(toHex(chain.runtime.callCodec.enc(call("attest", { statement: Uint8Array.of(1) })))).toBe(
      "0x13030401",
    );
  });
});
