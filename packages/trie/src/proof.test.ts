import { blake2_256, fromHex, toHex } from "@canary/primitives";
import { validateProofs } from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProofError } from "./errors.ts";
import { encodeNode } from "./nodeCodec.ts";
import { MemoryNodeStore } from "./nodeStore.ts";
import { generateProof, verifyProof } from "./proof.ts";
import { buildTrie, EMPTY_TRIE_ROOT } from "./root.ts";
import { thousand } from "./test/vectors.ts";
import { TrieDb } from "./trieDb.ts";

function built(entries: [Uint8Array, Uint8Array][], version: 0 | 1 = 1) {
  const store = new MemoryNodeStore();
  const root = buildTrie(entries, version, (h, d) => store.insert(h, d));
  return { store, root };
}

function expectProofError(f: () => unknown, codes: string[]) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProofError);
    expect(codes).toContain((e as ProofError).code);
    return;
  }
  throw new Error("the proof was accepted");
}

const key = fc
  .array(fc.constantFrom(0x00, 0x01, 0x10, 0x11, 0xf0, 0xff), { maxLength: 4 })
  .map((a) => Uint8Array.from(a));
const value = fc.oneof(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ minLength: 31, maxLength: 40 }));

describe("read proofs", () => {
  const entries = thousand();
  const { store, root } = built(entries);
  const absent = [
    fromHex("00"),
    fromHex("ff".repeat(32)),
    new Uint8Array(0),
    blake2_256(Uint8Array.of(1, 2, 3)),
  ];
  const present = [entries[0]!, entries[69]!, entries[500]!, entries[999]!]; // 69: a 70-byte, hashed value

  it("proves present and absent keys, and substrate-bindings accepts the proof", () => {
    const keys = [...present.map(([k]) => k), ...absent];
    const proof = generateProof(store, root, keys);
    const result = verifyProof(root, proof, keys, { rejectUnused: true });
    for (const [k, v] of present) expect(toHex(result.get(toHex(k))!)).toBe(toHex(v));
    for (const k of absent) {
      expect(result.has(toHex(k))).toBe(true);
      expect(result.get(toHex(k))).toBeUndefined();
    }
    const theirs = validateProofs(proof);
    expect(theirs?.rootHash).toBe(toHex(root));
    // The hashed 70-byte value travels as a raw entry of the proof.
    expect(proof.some((p) => toHex(p) === toHex(entries[69]![1]))).toBe(true);
  });

  it("proves from a TrieDb's committed nodes", () => {
    const s = new MemoryNodeStore();
    const trie = new TrieDb(s);
    for (const [k, v] of entries.slice(0, 100)) trie.set(k, v);
    const commit = trie.commit();
    s.apply(commit);
    const proof = generateProof(s, commit.root, [entries[5]![0]]);
    expect(toHex(verifyProof(commit.root, proof, [entries[5]![0]]).get(toHex(entries[5]![0]))!)).toBe(
      toHex(entries[5]![1]),
    );
  });

  it("answers for the empty trie with an empty proof", () => {
    const result = verifyProof(EMPTY_TRIE_ROOT, [], [fromHex("01")]);
    expect(result.get("0x01")).toBeUndefined();
    expect(generateProof(new MemoryNodeStore(), EMPTY_TRIE_ROOT, [fromHex("01")])).toEqual([]);
  });

  it("refuses a key the proof does not cover instead of answering wrongly", () => {
    const proof = generateProof(store, root, [entries[1]![0]]);
    expectProofError(() => verifyProof(root, proof, [entries[2]![0]]), ["PROOF_INCOMPLETE"]);
    expectProofError(
      () => verifyProof(blake2_256(Uint8Array.of(9)), proof, [entries[1]![0]]),
      ["PROOF_INCOMPLETE"],
    );
    const extra = generateProof(store, root, [entries[1]![0], entries[2]![0]]);
    expectProofError(
      () => verifyProof(root, extra, [entries[1]![0]], { rejectUnused: true }),
      ["PROOF_UNUSED_NODE"],
    );
    expect(verifyProof(root, extra, [entries[1]![0]]).size).toBe(1); // lenient by default, as Substrate
  });

  it("rejects a malformed node on the path", () => {
    const children: (Uint8Array | undefined)[] = new Array(16).fill(undefined);
    children[0] = Uint8Array.of(0x01, 0x02); // an inline child with the reserved header
    children[1] = new Uint8Array(32);
    const node = encodeNode({ kind: "branch", partial: new Uint8Array(0), value: undefined, children });
    expectProofError(() => verifyProof(blake2_256(node), [node], [fromHex("01")]), ["PROOF_INVALID_NODE"]);
  });

  it("proves exactly the values it covers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, value), { maxLength: 30 }),
        fc.array(key, { maxLength: 4 }),
        fc.array(key, { maxLength: 8 }),
        (data, proven, probes) => {
          const { store: s, root: r } = built(data);
          const model = new Map(data.map(([k, v]) => [toHex(k), toHex(v)]));
          const proof = generateProof(s, r, proven);
          const result = verifyProof(r, proof, proven, { rejectUnused: true });
          if (proof.length > 0) expect(validateProofs(proof)?.rootHash).toBe(toHex(r));
          for (const k of proven) expect(hex(result.get(toHex(k)))).toBe(model.get(toHex(k)));
          // Any other key: the right answer, or a refusal.
          for (const k of probes) {
            try {
              expect(hex(verifyProof(r, proof, [k]).get(toHex(k)))).toBe(model.get(toHex(k)));
            } catch (e) {
              expect(e).toBeInstanceOf(ProofError);
              expect((e as ProofError).code).toBe("PROOF_INCOMPLETE");
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects a proof with a byte changed or an entry removed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 30 }),
        fc.array(key, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, proven, which, at, xor) => {
          const { store: s, root: r } = built(data);
          const proof = generateProof(s, r, proven);
          fc.pre(proof.length > 0);
          const i = which % proof.length;
          const flipped = proof.map((p) => p.slice());
          flipped[i]![at % flipped[i]!.length]! ^= xor;
          expectProofError(() => verifyProof(r, flipped, proven), ["PROOF_INCOMPLETE", "PROOF_INVALID_NODE"]);
          const removed = proof.filter((_, j) => j !== i);
          expectProofError(() => verifyProof(r, removed, proven), ["PROOF_INCOMPLETE"]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function hex(b: Uint8Array | undefined) {
  return b === undefined ? undefined : toHex(b);
}
