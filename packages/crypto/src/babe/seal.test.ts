import {
  BABE_ENGINE_ID,
  BabeEquivocationProof,
  BabePreDigest,
  fromHex,
  GRANDPA_ENGINE_ID,
  Header,
  preRuntimeItem,
  toHex,
} from "@canary/primitives";
import { TypeRegistry } from "@polkadot/types";
import { beforeAll, describe, expect, it } from "vitest";
import { KUSAMA_BLOCK_1 } from "../../../primitives/src/consensus/test/kusamaBlock1.ts";
import { KUSAMA_BLOCK_100 } from "../../../primitives/src/consensus/test/kusamaBlock100.ts";
import { BabeError } from "../errors.ts";
import { initCrypto } from "../init.ts";
import type { Keypair } from "../keypair.ts";
import { sr25519KeypairFromSeed } from "../sr25519.ts";
import {
  checkBabeEquivocation,
  detectBabeEquivocation,
  findBabePreDigest,
  sealBabeHeader,
  verifyBabeSeal,
} from "./seal.ts";

let author: Keypair;
let other: Keypair;
beforeAll(async () => {
  await initCrypto();
  author = sr25519KeypairFromSeed(new Uint8Array(32).fill(5));
  other = sr25519KeypairFromSeed(new Uint8Array(32).fill(6));
});

const code = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof BabeError ? e.code : `not a BabeError: ${String(e)}`;
  }
};

function unsealed(slot: bigint, authorityIndex: number, stateByte: number): Header {
  return {
    parentHash: new Uint8Array(32).fill(1),
    number: 10,
    stateRoot: new Uint8Array(32).fill(stateByte),
    extrinsicsRoot: new Uint8Array(32),
    digest: [
      preRuntimeItem(
        BABE_ENGINE_ID,
        BabePreDigest.enc({ tag: "SecondaryPlain", value: { authorityIndex, slot } }),
      ),
    ],
  };
}

describe("the BABE seal", () => {
  it("verifies on Kusama blocks #1 and #100 with authority 1's key, and not with another", () => {
    const block1 = Header.dec(fromHex(KUSAMA_BLOCK_1.header));
    const key1 = fromHex(KUSAMA_BLOCK_1.authorities[1]!);
    const key0 = fromHex(KUSAMA_BLOCK_1.authorities[0]!);
    expect(verifyBabeSeal(block1, key1)).toBe(true);
    expect(verifyBabeSeal(KUSAMA_BLOCK_100, key1)).toBe(true);
    expect(verifyBabeSeal(block1, key0)).toBe(false);
    expect(verifyBabeSeal({ ...KUSAMA_BLOCK_100, number: 101 }, key1)).toBe(false);
  });

  it("seals and verifies, and refuses a header without a BABE seal last", () => {
    const sealed = sealBabeHeader(unsealed(7n, 0, 2), author);
    expect(verifyBabeSeal(sealed, author.publicKey)).toBe(true);
    expect(verifyBabeSeal(sealed, other.publicKey)).toBe(false);
    expect(verifyBabeSeal(unsealed(7n, 0, 2), author.publicKey)).toBe(false);
    const wrongEngine = {
      ...sealed,
      digest: sealed.digest.map((d) =>
        d.tag === "Seal" ? { ...d, value: { ...d.value, engine: GRANDPA_ENGINE_ID } } : d,
      ),
    };
    expect(verifyBabeSeal(wrongEngine, author.publicKey)).toBe(false);
  });

  it("findBabePreDigest returns the one pre-digest and refuses none, several or a malformed one", () => {
    expect(findBabePreDigest(KUSAMA_BLOCK_100)).toEqual({
      tag: "SecondaryPlain",
      value: { authorityIndex: 1, slot: 262493784n },
    });
    const h = unsealed(7n, 0, 2);
    expect(code(() => findBabePreDigest({ ...h, digest: [] }))).toBe("BABE_MISSING_PRE_DIGEST");
    expect(code(() => findBabePreDigest({ ...h, digest: [...h.digest, ...h.digest] }))).toBe(
      "BABE_MULTIPLE_PRE_DIGESTS",
    );
    expect(
      code(() => findBabePreDigest({ ...h, digest: [preRuntimeItem(BABE_ENGINE_ID, Uint8Array.of(9))] })),
    ).toBe("BABE_BAD_PRE_DIGEST");
  });
});

describe("BABE equivocation", () => {
  it("detects two different headers sealed by one author in one slot, and the proof checks", () => {
    const a = sealBabeHeader(unsealed(7n, 0, 2), author);
    const b = sealBabeHeader(unsealed(7n, 0, 3), author);
    const proof = detectBabeEquivocation(a, b, author.publicKey);
    expect(proof).toBeDefined();
    expect(code(() => checkBabeEquivocation(proof!))).toBe("ok");
    // Its codec matches @polkadot/types BabeEquivocationProof.
    const registry = new TypeRegistry();
    const pjsHeader = (h: Header) => registry.createType("Header", Header.enc(h)).toJSON();
    expect(toHex(BabeEquivocationProof.enc(proof!))).toBe(
      registry
        .createType("BabeEquivocationProof", {
          offender: toHex(author.publicKey),
          slotNumber: 7n,
          firstHeader: pjsHeader(a),
          secondHeader: pjsHeader(b),
        })
        .toHex(),
    );
    expect(BabeEquivocationProof.dec(BabeEquivocationProof.enc(proof!))).toEqual(proof);
  });

  it("is not an equivocation: the same header, other slots, other authors, or a foreign seal", () => {
    const a = sealBabeHeader(unsealed(7n, 0, 2), author);
    expect(detectBabeEquivocation(a, a, author.publicKey)).toBeUndefined();
    expect(
      detectBabeEquivocation(a, sealBabeHeader(unsealed(8n, 0, 3), author), author.publicKey),
    ).toBeUndefined();
    expect(
      detectBabeEquivocation(a, sealBabeHeader(unsealed(7n, 1, 3), author), author.publicKey),
    ).toBeUndefined();
    expect(
      detectBabeEquivocation(a, sealBabeHeader(unsealed(7n, 0, 3), other), author.publicKey),
    ).toBeUndefined();
    const b = sealBabeHeader(unsealed(7n, 0, 3), author);
    expect(
      code(() =>
        checkBabeEquivocation({ offender: author.publicKey, slot: 8n, firstHeader: a, secondHeader: b }),
      ),
    ).toBe("BABE_NOT_EQUIVOCATION");
    expect(
      code(() =>
        checkBabeEquivocation({ offender: other.publicKey, slot: 7n, firstHeader: a, secondHeader: b }),
      ),
    ).toBe("BABE_NOT_EQUIVOCATION");
  });
});
