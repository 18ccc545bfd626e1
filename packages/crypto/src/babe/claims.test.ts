import {
  type BabeEpochConfiguration,
  babePreDigests,
  fromHex,
  Header,
  type BabePreDigest as PreDigest,
} from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { KUSAMA_BLOCK_1 } from "../../../primitives/src/consensus/test/kusamaBlock1.ts";
import { KUSAMA_BLOCK_100 } from "../../../primitives/src/consensus/test/kusamaBlock100.ts";
import { BabeError } from "../errors.ts";
import { initCrypto } from "../init.ts";
import type { Keypair } from "../keypair.ts";
import { sr25519KeypairFromSeed } from "../sr25519.ts";
import {
  allowedClaims,
  type BabeClaimEpoch,
  checkSlotClaim,
  claimSlot,
  epochForSlot,
  primaryThreshold,
  primaryThresholdFor,
  secondarySlotAuthor,
} from "./claims.ts";
import { babeClaimValue, babeVrfSign } from "./vrf.ts";

beforeAll(async () => {
  await initCrypto();
});

let keys: Keypair[] = [];
beforeAll(() => {
  keys = [1, 2, 3, 4].map((i) => sr25519KeypairFromSeed(new Uint8Array(32).fill(i)));
});
const kusamaConfig: BabeEpochConfiguration = { c: [1n, 4n], allowedSlots: "PrimaryAndSecondaryVRFSlots" };
const epoch = (config: BabeEpochConfiguration = kusamaConfig): BabeClaimEpoch => ({
  epochIndex: 3n,
  randomness: new Uint8Array(32).fill(9),
  authorities: keys.map((k) => ({ publicKey: k.publicKey, weight: 1n })),
  config,
});
const mine = () => keys.map((pair, authorityIndex) => ({ pair, authorityIndex }));

const code = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof BabeError ? e.code : `not a BabeError: ${String(e)}`;
  }
};

describe("primaryThreshold", () => {
  // Regression values smoldot generated with Substrate's implementation (verify/babe.rs tests).
  it("matches the values Substrate computes", () => {
    expect(primaryThreshold([2n, 9n], Array(8).fill(1n), 1)).toBe(10523572781773471998586657386560225280n);
    const succ = Array.from({ length: 900 }, (_, i) => BigInt(i + 2));
    expect(primaryThreshold([103n, 971n], succ, 9)).toBe(1032931305829506557190946382938112n);
    const doubling: bigint[] = [2n];
    while (doubling.length < 50) doubling.push(doubling.at(-1)! * 2n - 1n);
    const total = doubling.reduce((a, b) => a + b, 0n);
    expect(primaryThresholdFor([89n, 91n], 63n, total)).toBe(72686664904329579129208832n);
    expect(primaryThresholdFor([2n, 9n], 1n, 8n)).toBe(10523572781773471998586657386560225280n);
  });

  it("gives each of n equal authorities 1 − (1 − c)^(1/n), so some primary claim has probability c", () => {
    for (const n of [1, 4, 100, 1000]) {
      const t = primaryThreshold([1n, 4n], Array(n).fill(1n), 0);
      const p = Number(t) / 2 ** 128;
      expect(1 - (1 - p) ** n).toBeCloseTo(0.25, 12);
    }
  });

  it("is 0 for a zero denominator or an unknown index, and refuses weight 0, c ≥ 1 and a u64 overflow", () => {
    expect(primaryThreshold([1n, 0n], [1n], 0)).toBe(0n);
    expect(primaryThreshold([1n, 4n], [1n], 1)).toBe(0n);
    expect(primaryThreshold([0n, 4n], [1n], 0)).toBe(0n);
    expect(code(() => primaryThreshold([1n, 4n], [0n, 1n], 0))).toBe("BABE_BAD_CONFIG");
    expect(code(() => primaryThreshold([4n, 4n], [1n], 0))).toBe("BABE_BAD_CONFIG");
    expect(code(() => primaryThreshold([5n, 4n], [1n], 0))).toBe("BABE_BAD_CONFIG");
    expect(code(() => primaryThreshold([1n, 4n], [2n ** 63n, 2n ** 63n], 0))).toBe("BABE_BAD_CONFIG");
  });
});

describe("secondarySlotAuthor", () => {
  it("reads blake2_256(randomness ‖ slot) big-endian, as Kusama's blocks #1 and #100 show", () => {
    const zero = new Uint8Array(32);
    const [block1] = babePreDigests(Header.dec(fromHex(KUSAMA_BLOCK_1.header)));
    expect(block1).toEqual({ tag: "SecondaryPlain", value: { authorityIndex: 1, slot: 262493679n } });
    expect(secondarySlotAuthor(262493679n, zero, 6)).toBe(1);
    const [block100] = babePreDigests(KUSAMA_BLOCK_100);
    expect(block100).toEqual({ tag: "SecondaryPlain", value: { authorityIndex: 1, slot: 262493784n } });
    // Little-endian would name authority 4 here.
    expect(secondarySlotAuthor(262493784n, zero, 6)).toBe(1);
  });

  it("is undefined without authorities and always in range", () => {
    expect(secondarySlotAuthor(5n, new Uint8Array(32), 0)).toBeUndefined();
    for (let s = 0n; s < 50n; s++) {
      const i = secondarySlotAuthor(s, new Uint8Array(32).fill(1), 7)!;
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(7);
    }
  });
});

describe("allowed slots and epochs", () => {
  it("allowedClaims permits secondary claims of the configured kind only", () => {
    expect(allowedClaims("PrimarySlots")).toEqual({ secondaryPlain: false, secondaryVrf: false });
    expect(allowedClaims("PrimaryAndSecondaryPlainSlots")).toEqual({
      secondaryPlain: true,
      secondaryVrf: false,
    });
    expect(allowedClaims("PrimaryAndSecondaryVRFSlots")).toEqual({
      secondaryPlain: false,
      secondaryVrf: true,
    });
  });

  it("epochForSlot advances over skipped epochs", () => {
    const e = { epochIndex: 5n, startSlot: 1000n, duration: 600n };
    expect(epochForSlot(e, 1599n)).toEqual({ epochIndex: 5n, startSlot: 1000n });
    expect(epochForSlot(e, 1600n)).toEqual({ epochIndex: 6n, startSlot: 1600n });
    expect(epochForSlot(e, 3000n)).toEqual({ epochIndex: 8n, startSlot: 2800n });
  });
});

describe("claimSlot and checkSlotClaim", () => {
  it("every slot is claimed (primary where the VRF wins, secondary VRF otherwise) and each claim checks", () => {
    let primaries = 0;
    for (let slot = 1000n; slot < 1040n; slot++) {
      const claims = mine()
        .map((k) => claimSlot(slot, epoch(), [k]))
        .filter((c) => c !== undefined);
      expect(claims.length).toBeGreaterThan(0);
      for (const claim of claims) {
        const checked = checkSlotClaim(claim.preDigest, epoch());
        expect(checked.primary).toBe(claim.preDigest.tag === "Primary");
        expect(checked.vrfInOut).toEqual(claim.vrfInOut);
        if (checked.primary) primaries++;
        else expect(claim.preDigest.tag).toBe("SecondaryVRF");
      }
    }
    // c = 1/4 per authority set: about 10 of 40 slots have a primary claimant.
    expect(primaries).toBeGreaterThan(0);
  });

  it("claims secondary plain or nothing according to allowed_slots", () => {
    const plain = epoch({ c: [0n, 4n], allowedSlots: "PrimaryAndSecondaryPlainSlots" });
    const claim = claimSlot(77n, plain, mine())!;
    expect(claim.preDigest).toEqual({
      tag: "SecondaryPlain",
      value: { authorityIndex: secondarySlotAuthor(77n, plain.randomness, 4), slot: 77n },
    });
    expect(checkSlotClaim(claim.preDigest, plain)).toEqual({ primary: false });
    expect(claimSlot(77n, epoch({ c: [0n, 4n], allowedSlots: "PrimarySlots" }), mine())).toBeUndefined();
  });

  it("refuses each broken rule with its code", () => {
    const e = epoch();
    const slot = 500n;
    const author = secondarySlotAuthor(slot, e.randomness, 4)!;
    const other = (author + 1) % 4;
    const vrf = (i: number) =>
      babeVrfSign(keys[i]!, { randomness: e.randomness, slot, epochIndex: e.epochIndex });
    const secondary = (i: number): PreDigest => ({
      tag: "SecondaryVRF",
      value: { authorityIndex: i, slot, vrfSignature: vrf(i).signature },
    });
    expect(code(() => checkSlotClaim(secondary(author), e))).toBe("ok");
    expect(code(() => checkSlotClaim(secondary(other), e))).toBe("BABE_BAD_SECONDARY_AUTHOR");
    expect(
      code(() => checkSlotClaim({ tag: "SecondaryPlain", value: { authorityIndex: author, slot } }, e)),
    ).toBe("BABE_FORBIDDEN_SLOT_TYPE");
    expect(
      code(() =>
        checkSlotClaim(
          { tag: "SecondaryVRF", value: { authorityIndex: 9, slot, vrfSignature: vrf(author).signature } },
          e,
        ),
      ),
    ).toBe("BABE_INVALID_AUTHORITY_INDEX");
    // Authority `author`'s VRF presented as `other`'s: the proof is not other's.
    const stolen: PreDigest = {
      tag: "SecondaryVRF",
      value: { authorityIndex: other, slot, vrfSignature: vrf(author).signature },
    };
    expect(code(() => checkSlotClaim(stolen, e))).toBe("BABE_BAD_VRF_PROOF");
    // A primary claim whose VRF value is over the threshold: find a slot where authority 0 loses.
    let losing = 0n;
    for (let s = 0n; ; s++) {
      const { inOut } = babeVrfSign(keys[0]!, {
        randomness: e.randomness,
        slot: s,
        epochIndex: e.epochIndex,
      });
      if (babeClaimValue(inOut) >= primaryThreshold(e.config.c, [1n, 1n, 1n, 1n], 0)) {
        losing = s;
        break;
      }
    }
    const sig = babeVrfSign(keys[0]!, {
      randomness: e.randomness,
      slot: losing,
      epochIndex: e.epochIndex,
    }).signature;
    expect(
      code(() =>
        checkSlotClaim({ tag: "Primary", value: { authorityIndex: 0, slot: losing, vrfSignature: sig } }, e),
      ),
    ).toBe("BABE_OVER_THRESHOLD");
  });
});
