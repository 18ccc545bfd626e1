import {
  AccountId32,
  Bytes,
  CanaryError,
  DecodeError,
  EncodeError,
  Option,
  str,
  toHex,
  u8,
  u32,
  unit,
  Vec,
} from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { apiId, declareApi, fn, implementApi, RuntimeApis } from "../runtimeApi.ts";
import type { RuntimeVersion } from "../runtimeVersion.ts";
import { AccountNonceApi } from "./accountNonce.ts";
import { type ApiInvoke, implementedVersion, RuntimeApiError, runtimeApiClient } from "./client.ts";
import { CoreApi } from "./core.ts";

/** A small API with several argument and result shapes. */
const Sample = declareApi("Sample", 3, {
  /** Sums `xs` and adds `extra` when given. */
  sum: fn(
    [
      ["xs", Vec(u32)],
      ["extra", Option(u32)],
    ],
    u32,
  ),
  greet: fn([["name", str]], str),
  reset: fn([], unit),
  small: fn([["n", u8]], u8),
});

const nonces = new Map<string, number>([[toHex(new Uint8Array(32).fill(1)), 7]]);
const calls: string[] = [];
const runtime = new RuntimeApis([
  implementApi(Sample, {
    sum: (xs, extra) => xs.reduce((a, b) => a + b, extra ?? 0),
    greet: (name) => `hello ${name}`,
    reset: () => {
      calls.push("reset");
    },
    small: (n) => n,
  }),
  implementApi(AccountNonceApi, { account_nonce: (who) => nonces.get(toHex(who)) ?? 0 }),
]);

/** The host's invoke, here straight into the runtime's table (the node goes through the executor). */
const invoke: ApiInvoke = (entry, input) => runtime.call(entry, input);

describe("a runtime API declared once", () => {
  it("is called by the host's client and answered by the runtime's implementation, with typed values", () => {
    const sample = runtimeApiClient(Sample, invoke);
    const sum: number = sample.sum([1, 2, 3], 10);
    expect(sum).toBe(16);
    expect(sample.sum([], undefined)).toBe(0);
    expect(sample.greet("Kusama")).toBe("hello Kusama");
    expect(sample.reset()).toBeUndefined();
    expect(calls).toEqual(["reset"]);
    const nonce = runtimeApiClient(AccountNonceApi, invoke);
    expect(nonce.account_nonce(new Uint8Array(32).fill(1))).toBe(7);
    expect(nonce.account_nonce(new Uint8Array(32))).toBe(0);
  });

  it("sends the arguments concatenated under the entry point Api_method, as Substrate does", () => {
    const seen: Array<[string, string]> = [];
    const client = runtimeApiClient(Sample, (entry, input) => {
      seen.push([entry, toHex(input)]);
      return runtime.call(entry, input);
    });
    client.sum([5], 1);
    client.reset();
    expect(seen).toEqual([
      ["Sample_sum", toHex(new Uint8Array([...Vec(u32).enc([5]), ...Option(u32).enc(1)]))],
      ["Sample_reset", "0x"],
    ]);
  });

  it("lists the API in the runtime version and the metadata from the declaration", () => {
    expect(runtime.versions().map(([id, v]) => [toHex(id), v])).toEqual([
      [toHex(apiId("Sample")), 3],
      ["0xbc9d89904f5b923f", 1], // AccountNonceApi, as Kusama lists it
    ]);
    const [sample] = runtime.metadata();
    expect(sample!.name).toBe("Sample");
    expect(sample!.methods.map((m) => [m.name, m.inputs.map((i) => i.name)])).toEqual([
      ["sum", ["xs", "extra"]],
      ["greet", ["name"]],
      ["reset", []],
      ["small", ["n"]],
    ]);
    expect(sample!.methods[0]!.output).toBe(u32.desc);
    const version: RuntimeVersion = {
      spec_name: "sample",
      impl_name: "sample",
      authoring_version: 0,
      spec_version: 1,
      impl_version: 0,
      apis: runtime.versions(),
      transaction_version: 1,
      system_version: 1,
    };
    expect(implementedVersion(version, Sample)).toBe(3);
    expect(implementedVersion(version, AccountNonceApi)).toBe(1);
    expect(implementedVersion(version, CoreApi)).toBeUndefined();
    expect(runtime.has("Sample_greet")).toBe(true);
    expect(runtime.has("Sample_nope")).toBe(false);
  });

  it("reports a runtime answer that does not decode as the declared result, naming the entry point", () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["truncated", Uint8Array.of(1, 2), /cannot decode/],
      ["trailing bytes", Uint8Array.of(1, 0, 0, 0, 9), /unexpected byte/],
    ];
    for (const [name, answer, detail] of cases) {
      const client = runtimeApiClient(AccountNonceApi, () => answer);
      let error: unknown;
      try {
        client.account_nonce(new Uint8Array(32));
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(RuntimeApiError);
      const e = error as RuntimeApiError;
      expect(e.code, name).toBe("RUNTIME_API_BAD_OUTPUT");
      expect(e.entry, name).toBe("AccountNonceApi_account_nonce");
      expect(e.message, name).toMatch(
        /^AccountNonceApi_account_nonce returned \d+ bytes that are not the result AccountNonceApi v1 declares/,
      );
      expect(e.message, name).toMatch(detail);
      expect(e.cause, name).toBeInstanceOf(DecodeError);
    }
  });

  it("refuses an argument that cannot be encoded before calling the runtime", () => {
    let called = false;
    const client = runtimeApiClient(Sample, () => {
      called = true;
      return new Uint8Array();
    });
    let error: RuntimeApiError | undefined;
    try {
      client.small(300);
    } catch (e) {
      error = e as RuntimeApiError;
    }
    expect(error?.code).toBe("RUNTIME_API_BAD_ARGUMENT");
    expect(error?.message).toMatch(/^Sample_small: argument n cannot be encoded/);
    expect(error?.cause).toBeInstanceOf(EncodeError);
    expect(called).toBe(false);
  });

  it("passes the runtime's own failures through unchanged", () => {
    const client = runtimeApiClient(Sample, invoke);
    const bad = runtimeApiClient(declareApi("Sample", 3, { greet: fn([["name", Bytes]], str) }), invoke);
    // Invalid UTF-8 is refused by the runtime's decoder: its error, not the client's.
    expect(() => bad.greet(Uint8Array.of(0xff))).toThrow(/Sample_greet: cannot decode the input/);
    const missing = runtimeApiClient(declareApi("Other", 1, { x: fn([], unit) }), invoke);
    expect(() => missing.x()).toThrow(/no entry point Other_x/);
    expect(client.greet("x")).toBe("hello x");
  });

  it("refuses an implementation without every declared method", () => {
    expect(() =>
      // biome-ignore lint/suspicious/noExplicitAny: a JavaScript caller the compiler cannot stop.
      implementApi(Sample, { sum: () => 0 } as any),
    ).toThrow(CanaryError);
  });
});

// The compiler holds both sides to the declaration. Never run: only type-checked.
export function typeErrors() {
  // @ts-expect-error a method is missing
  implementApi(AccountNonceApi, {});
  implementApi(AccountNonceApi, {
    // @ts-expect-error the argument is an AccountId32 (bytes), not a number
    account_nonce: (who: number) => who,
  });
  implementApi(AccountNonceApi, {
    // @ts-expect-error the result is a u32 (number), not a string
    account_nonce: () => "0",
  });
  implementApi(AccountNonceApi, {
    account_nonce: () => 0,
    // @ts-expect-error a method the declaration does not have
    extra: () => 0,
  });
  const client = runtimeApiClient(AccountNonceApi, () => new Uint8Array());
  // @ts-expect-error the argument is bytes
  client.account_nonce("alice");
  // @ts-expect-error the result is a number
  const s: string = client.account_nonce(AccountId32.dec(new Uint8Array(32)));
  return s;
}
