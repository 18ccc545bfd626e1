import {
  type GrandpaJustification,
  type GrandpaMessage,
  grandpaVotePayload,
  GrandpaJustification as JustificationCodec,
  toHex,
} from "@canary/primitives";
import { cryptoWaitReady, ed25519PairFromSeed, ed25519Sign, ed25519Verify } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GrandpaError } from "../errors.ts";
import { initCrypto } from "../init.ts";
import type { Keypair } from "../keypair.ts";
import { sr25519KeypairFromSeed } from "../sr25519.ts";
import { checkGrandpaEquivocation, detectGrandpaEquivocation } from "./equivocation.ts";
import { grandpaThreshold, verifyGrandpaJustification } from "./justification.ts";
import { chain, justification, targetOf, voters } from "./test/justifications.ts";
import { signGrandpaVote, verifyGrandpaVote } from "./vote.ts";

let keys: Keypair[] = [];
beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
  keys = voters(4);
});

const code = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof GrandpaError ? e.code : `not a GrandpaError: ${String(e)}`;
  }
};
const set = (ks: Keypair[], weight = 1n) => ks.map((k) => [k.publicKey, weight] as const);

describe("GRANDPA votes", () => {
  it("sign ed25519 over SCALE((message, round, set_id)), which polkadot.js verifies", () => {
    const pair = voters(1, 3)[0]!;
    const message: GrandpaMessage = {
      tag: "Prevote",
      value: { targetHash: new Uint8Array(32).fill(7), targetNumber: 42 },
    };
    const signed = signGrandpaVote(pair, message, 9n, 2n);
    const payload = grandpaVotePayload(message, 9n, 2n);
    expect(ed25519Verify(payload, signed.signature, pair.publicKey)).toBe(true);
    expect(verifyGrandpaVote(signed, 9n, 2n)).toBe(true);
    expect(verifyGrandpaVote(signed, 10n, 2n)).toBe(false);
    expect(verifyGrandpaVote(signed, 9n, 3n)).toBe(false);
    expect(
      verifyGrandpaVote({ ...signed, message: { tag: "Precommit", value: message.value } }, 9n, 2n),
    ).toBe(false);
    expect(verifyGrandpaVote({ ...signed, id: keys[0]!.publicKey }, 9n, 2n)).toBe(false);
  });

  // ed25519 is deterministic, so an independent signer must give the same bytes for the same seed.
  it("gives the same signature bytes as @polkadot/util-crypto's ed25519 for the same seed", () => {
    const seed = new Uint8Array(32);
    new DataView(seed.buffer).setUint32(0, 1);
    const message: GrandpaMessage = {
      tag: "Precommit",
      value: { targetHash: new Uint8Array(32).fill(1), targetNumber: 1 },
    };
    const ours = signGrandpaVote(keys[0]!, message, 1n, 0n);
    const theirs = ed25519Sign(grandpaVotePayload(message, 1n, 0n), ed25519PairFromSeed(seed));
    expect(toHex(ours.signature)).toBe(toHex(theirs));
  });

  it("refuses a non-ed25519 key with GRANDPA_BAD_KEYPAIR", () => {
    const sr = sr25519KeypairFromSeed(new Uint8Array(32).fill(1));
    const message: GrandpaMessage = {
      tag: "Prevote",
      value: { targetHash: new Uint8Array(32), targetNumber: 0 },
    };
    expect(code(() => signGrandpaVote(sr, message, 1n, 0n))).toBe("GRANDPA_BAD_KEYPAIR");
  });
});

describe("grandpaThreshold", () => {
  it("is total − floor((total − 1) / 3), as finality-grandpa's tests state", () => {
    const cases: Array<[bigint, bigint]> = [
      [1n, 1n],
      [3n, 3n],
      [4n, 3n],
      [5n, 4n],
      [6n, 5n],
      [7n, 5n],
      [10n, 7n],
      [100n, 67n],
      [101n, 68n],
      [102n, 69n],
      [103n, 69n],
      [1000n, 667n],
    ];
    for (const [total, t] of cases) expect(grandpaThreshold(total)).toBe(t);
  });
});

describe("verifyGrandpaJustification", () => {
  const blocks = () => chain(6);

  it("accepts 3 of 4 precommits on the target, encoded or decoded, and checks the expected target", () => {
    const [, , , b3] = blocks();
    const j = justification({ signers: keys.slice(0, 3), target: b3!, round: 5n, setId: 2n });
    expect(verifyGrandpaJustification(j, set(keys), 2n)).toEqual(j);
    expect(
      verifyGrandpaJustification(JustificationCodec.enc(j), set(keys), 2n, {
        target: { hash: targetOf(b3!).targetHash, number: 3 },
      }),
    ).toEqual(j);
    expect(
      code(() =>
        verifyGrandpaJustification(j, set(keys), 2n, { target: { hash: new Uint8Array(32), number: 3 } }),
      ),
    ).toBe("GRANDPA_TARGET_MISMATCH");
  });

  it("accepts precommits on descendants shown by exactly the needed ancestry", () => {
    const b = blocks();
    // Two vote the target #2, one votes #4 (needs #4, #3), one votes #3 (needs #3).
    const j = justification({
      signers: keys,
      target: b[2]!,
      votes: [b[2]!, b[2]!, b[4]!, b[3]!],
      ancestries: [b[4]!, b[3]!],
    });
    expect(code(() => verifyGrandpaJustification(j, set(keys), 0n))).toBe("ok");
    // An extra, unneeded header is refused.
    expect(
      code(() =>
        verifyGrandpaJustification({ ...j, votesAncestries: [...j.votesAncestries, b[5]!] }, set(keys), 0n),
      ),
    ).toBe("GRANDPA_UNUSED_ANCESTRY");
    // A missing link is refused.
    expect(code(() => verifyGrandpaJustification({ ...j, votesAncestries: [b[4]!] }, set(keys), 0n))).toBe(
      "GRANDPA_BAD_ANCESTRY",
    );
  });

  it("refuses too little weight, the wrong set id or round, bad signatures, strangers and duplicates", () => {
    const b3 = blocks()[3]!;
    const ok = justification({ signers: keys.slice(0, 3), target: b3 });
    expect(
      code(() =>
        verifyGrandpaJustification(justification({ signers: keys.slice(0, 2), target: b3 }), set(keys), 0n),
      ),
    ).toBe("GRANDPA_NOT_ENOUGH_WEIGHT");
    expect(code(() => verifyGrandpaJustification(ok, set(keys), 1n))).toBe("GRANDPA_BAD_SIGNATURE");
    expect(code(() => verifyGrandpaJustification({ ...ok, round: 2n }, set(keys), 0n))).toBe(
      "GRANDPA_BAD_SIGNATURE",
    );
    const stranger = voters(1, 9)[0]!;
    const withStranger = justification({ signers: [...keys.slice(0, 3), stranger], target: b3 });
    expect(code(() => verifyGrandpaJustification(withStranger, set(keys), 0n))).toBe("GRANDPA_NOT_AUTHORITY");
    const dup = {
      ...ok,
      commit: { ...ok.commit, precommits: [...ok.commit.precommits, ok.commit.precommits[0]!] },
    };
    expect(code(() => verifyGrandpaJustification(dup, set(keys), 0n))).toBe("GRANDPA_DUPLICATE_VOTER");
    const forged = structuredClone(ok) as GrandpaJustification;
    forged.commit.precommits[1]!.signature[0]! ^= 1;
    expect(code(() => verifyGrandpaJustification(forged, set(keys), 0n))).toBe("GRANDPA_BAD_SIGNATURE");
    expect(
      code(() =>
        verifyGrandpaJustification({ ...ok, commit: { ...ok.commit, precommits: [] } }, set(keys), 0n),
      ),
    ).toBe("GRANDPA_NO_PRECOMMITS");
    expect(code(() => verifyGrandpaJustification(Uint8Array.of(1, 2, 3), set(keys), 0n))).toBe(
      "GRANDPA_BAD_ENCODING",
    );
  });

  it("counts weight, not heads", () => {
    const b3 = blocks()[3]!;
    const weighted = keys.map((k, i) => [k.publicKey, i === 0 ? 10n : 1n] as const); // total 13, threshold 9
    expect(
      code(() =>
        verifyGrandpaJustification(justification({ signers: keys.slice(1), target: b3 }), weighted, 0n),
      ),
    ).toBe("GRANDPA_NOT_ENOUGH_WEIGHT");
    expect(
      code(() =>
        verifyGrandpaJustification(justification({ signers: keys.slice(0, 1), target: b3 }), weighted, 0n),
      ),
    ).toBe("ok");
  });

  it("refuses a commit target below the GHOST, precommits on another fork, and bad authority sets", () => {
    const b = blocks();
    // Everyone precommits #4, but the commit names #2: #3 has supermajority too.
    const belowGhost = justification({
      signers: keys,
      target: b[2]!,
      votes: Array(4).fill(b[4]!),
      ancestries: [b[4]!, b[3]!],
    });
    expect(code(() => verifyGrandpaJustification(belowGhost, set(keys), 0n))).toBe("GRANDPA_NOT_GHOST");
    const fork = chain(2, b[2]!, 7); // #3', #4' off #2
    const other = justification({
      signers: keys.slice(0, 3),
      target: b[3]!,
      votes: [b[3]!, b[3]!, fork[0]!],
      ancestries: [fork[0]!],
    });
    expect(code(() => verifyGrandpaJustification(other, set(keys), 0n))).toBe("GRANDPA_BAD_ANCESTRY");
    // A precommit claiming a wrong number for its block.
    const lying = justification({
      signers: keys.slice(0, 3),
      target: b[2]!,
      votes: [b[2]!, b[2]!, b[3]!],
      ancestries: [b[3]!],
    });
    const wrong = { targetHash: targetOf(b[3]!).targetHash, targetNumber: 4 };
    const resigned = signGrandpaVote(keys[2]!, { tag: "Precommit", value: wrong }, 1n, 0n);
    lying.commit.precommits[2] = { precommit: wrong, signature: resigned.signature, id: keys[2]!.publicKey };
    expect(code(() => verifyGrandpaJustification(lying, set(keys), 0n))).toBe("GRANDPA_BAD_ANCESTRY");
    const ok = justification({ signers: keys.slice(0, 3), target: b[3]! });
    expect(code(() => verifyGrandpaJustification(ok, [], 0n))).toBe("GRANDPA_BAD_AUTHORITY_SET");
    expect(code(() => verifyGrandpaJustification(ok, set(keys, 0n), 0n))).toBe("GRANDPA_BAD_AUTHORITY_SET");
    expect(code(() => verifyGrandpaJustification(ok, [...set(keys), set(keys)[0]!], 0n))).toBe(
      "GRANDPA_BAD_AUTHORITY_SET",
    );
  });

  it("with one voter (--dev), that voter's precommit alone finalizes", () => {
    const solo = keys.slice(0, 1);
    expect(
      code(() =>
        verifyGrandpaJustification(justification({ signers: solo, target: blocks()[1]! }), set(solo), 0n),
      ),
    ).toBe("ok");
  });
});

describe("GRANDPA equivocation", () => {
  const vote = (
    pair: Keypair,
    tag: "Prevote" | "Precommit" | "PrimaryPropose",
    fill: number,
    round = 3n,
    setId = 1n,
  ) =>
    signGrandpaVote(
      pair,
      { tag, value: { targetHash: new Uint8Array(32).fill(fill), targetNumber: fill } },
      round,
      setId,
    );

  it("detects two different prevotes (or precommits) by one voter in one round, and the proof checks", () => {
    for (const tag of ["Prevote", "Precommit"] as const) {
      const proof = detectGrandpaEquivocation(vote(keys[0]!, tag, 1), vote(keys[0]!, tag, 2), 3n, 1n);
      expect(proof?.equivocation.tag).toBe(tag);
      expect(code(() => checkGrandpaEquivocation(proof!))).toBe("ok");
    }
  });

  it("is not an equivocation: same target, other kinds, other voters, primary proposals, or another round's signature", () => {
    const a = vote(keys[0]!, "Prevote", 1);
    expect(detectGrandpaEquivocation(a, vote(keys[0]!, "Prevote", 1), 3n, 1n)).toBeUndefined();
    expect(detectGrandpaEquivocation(a, vote(keys[0]!, "Precommit", 2), 3n, 1n)).toBeUndefined();
    expect(detectGrandpaEquivocation(a, vote(keys[1]!, "Prevote", 2), 3n, 1n)).toBeUndefined();
    expect(
      detectGrandpaEquivocation(
        vote(keys[0]!, "PrimaryPropose", 1),
        vote(keys[0]!, "PrimaryPropose", 2),
        3n,
        1n,
      ),
    ).toBeUndefined();
    expect(detectGrandpaEquivocation(a, vote(keys[0]!, "Prevote", 2, 4n), 3n, 1n)).toBeUndefined();
    const proof = detectGrandpaEquivocation(a, vote(keys[0]!, "Prevote", 2), 3n, 1n)!;
    expect(code(() => checkGrandpaEquivocation({ ...proof, setId: 2n }))).toBe("GRANDPA_NOT_EQUIVOCATION");
  });
});
