import { BABE_ENGINE_ID, type DigestItem, toHex } from "@canary/primitives";
import { afterEach, describe, expect, it } from "vitest";
import { checkSystemInvariants, type MockChain, mockChain } from "../test/mockRuntime.ts";
import { Authorship, type AuthorshipInstance } from "./index.ts";

const alice = new Uint8Array(32).fill(1);
const preDigest = (index: number): DigestItem => ({
  tag: "PreRuntime",
  value: { engine: BABE_ENGINE_ID, data: Uint8Array.of(index) },
});

let chain: MockChain & { authorship: AuthorshipInstance };
const noted: Uint8Array[] = [];
afterEach(() => {
  noted.length = 0;
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

function setup() {
  let lookups = 0;
  chain = mockChain((b, system) => ({
    authorship: b.add(5, Authorship, {
      system,
      // The first byte of the BABE pre-digest names the author (the runtime maps an index to an account).
      findAuthor: (digest) => {
        lookups++;
        const pre = digest.find((d) => d.tag === "PreRuntime");
        return pre?.tag === "PreRuntime" && pre.value.data[0] === 0 ? alice : undefined;
      },
      noteAuthor: (who) => noted.push(who),
    }),
  }));
  return () => lookups;
}

describe("authorship", () => {
  it("finds the author from the pre-runtime digest once per block, notes it, and forgets it at the end", () => {
    const lookups = setup();
    chain.run(() => {
      chain.system.api.initializeBlock(1, new Uint8Array(32), [preDigest(0)]);
      chain.authorship.hooks.onInitialize?.(1);
      expect(toHex(chain.authorship.api.author()!)).toBe(toHex(alice));
      expect(lookups()).toBe(1);
      chain.authorship.hooks.onFinalize?.(1);
      expect(chain.authorship.storage.Author.get()).toBeUndefined();
    });
    expect(noted.map(toHex)).toEqual([toHex(alice)]);
  });

  it("a block without a known author has none, and nothing is noted", () => {
    setup();
    chain.run(() => {
      chain.system.api.initializeBlock(1, new Uint8Array(32), [preDigest(5)]);
      chain.authorship.hooks.onInitialize?.(1);
      expect(chain.authorship.api.author()).toBeUndefined();
    });
    expect(noted).toEqual([]);
  });
});
