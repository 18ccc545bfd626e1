import { DispatchFailure, Root, signed } from "@canary/frame";
import { toHex } from "@canary/primitives";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBalancesInvariants } from "../test/balancesInvariants.ts";
import { checkSystemInvariants, mockChain } from "../test/mockRuntime.ts";
import { Balances, balancesDefaults } from "./index.ts";

const ED = 333_333_333n;
const accounts = [1, 2, 3, 4].map((n) => new Uint8Array(32).fill(n));
const who = fc.integer({ min: 0, max: accounts.length - 1 });
// Amounts cluster around the existential deposit, where the edge cases are.
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 3n * ED }),
  fc.bigInt({ min: 0n, max: 40n * ED }),
  fc.constantFrom(0n, ED - 1n, ED, ED + 1n),
);
/**
 * Accounts 0 and 1 reserve by name, 2 and 3 anonymously: an anonymous unreserve may release a
 * named reserve's funds (as in FRAME), which the named-reserve invariant cannot allow for.
 */
const named = (i: number): boolean => i < 2;
const NAME = Uint8Array.from("deposit ", (c) => c.charCodeAt(0));

const action = fc.oneof(
  fc.record({ kind: fc.constant("transfer"), from: who, to: who, value: amount, keepAlive: fc.boolean() }),
  fc.record({ kind: fc.constant("transferAll"), from: who, to: who, keepAlive: fc.boolean() }),
  fc.record({ kind: fc.constant("burn"), from: who, value: amount, keepAlive: fc.boolean() }),
  fc.record({ kind: fc.constant("setBalance"), from: who, value: amount }),
  fc.record({ kind: fc.constant("reserve"), from: who, value: amount }),
  fc.record({ kind: fc.constant("unreserve"), from: who, value: amount }),
  fc.record({ kind: fc.constant("lock"), from: who, value: amount }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

describe("balances properties", () => {
  it("random transfers, burns, reserves and locks keep every invariant; failures change nothing", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions: Action[]) => {
        const chain = mockChain((b, system) => ({ balances: b.add(4, Balances, balancesDefaults(system)) }));
        const { reserve, reserveNamed, setLock, unreserve, unreserveNamed } = chain.balances.api;
        chain.run(() =>
          chain.balances.genesis?.build({
            balances: accounts.slice(0, 3).map((a) => [a, 20n * ED] as const),
          }),
        );
        const call = (tag: string, value: unknown) => ({ tag: "Balances", value: { tag, value } });
        for (const a of actions) {
          const from = accounts[a.from]!;
          const before = toHex(chain.host.storageRoot(1));
          const ok = chain.run(() => {
            const dest = { tag: "Id" as const, value: accounts["to" in a ? a.to : 0]! };
            try {
              switch (a.kind) {
                case "transfer":
                  return chain.runtime.dispatch(
                    signed(from),
                    call(a.keepAlive ? "transfer_keep_alive" : "transfer_allow_death", {
                      dest,
                      value: a.value,
                    }),
                  ).ok;
                case "transferAll":
                  return chain.runtime.dispatch(
                    signed(from),
                    call("transfer_all", { dest, keep_alive: a.keepAlive }),
                  ).ok;
                case "burn":
                  return chain.runtime.dispatch(
                    signed(from),
                    call("burn", { value: a.value, keep_alive: a.keepAlive }),
                  ).ok;
                case "setBalance":
                  return chain.runtime.dispatch(
                    Root,
                    call("force_set_balance", { who: { tag: "Id", value: from }, new_free: a.value }),
                  ).ok;
                case "reserve":
                  if (named(a.from)) reserveNamed(NAME, from, a.value);
                  else reserve(from, a.value);
                  return true;
                case "unreserve":
                  if (named(a.from)) unreserveNamed(NAME, from, a.value);
                  else unreserve(from, a.value);
                  return true;
                case "lock":
                  setLock(NAME, from, a.value);
                  return true;
              }
            } catch (e) {
              if (e instanceof DispatchFailure) return false;
              throw e;
            }
          });
          if (!ok) expect(toHex(chain.host.storageRoot(1))).toBe(before);
          expect(checkSystemInvariants(chain)).toEqual([]);
          expect(checkBalancesInvariants(chain)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
