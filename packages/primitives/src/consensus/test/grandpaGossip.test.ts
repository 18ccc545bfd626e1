import { describe, expect, it } from "vitest";
import { concatBytes, fromHex, toHex } from "../../index.ts";
import { GrandpaGossipMessage, Justifications } from "../grandpaGossip.ts";

// Layouts as smoldot's codec/grandpa.rs reads them (shared/reference/light-client.md item 11).
const le = (value: bigint, bytes: number) => {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
};
const hash = new Uint8Array(32).fill(0xab);
const sig = new Uint8Array(64).fill(0x11);
const pub = new Uint8Array(32).fill(0x22);

describe("grandpa/1 notifications", () => {
  it("encodes a neighbor packet as `02 01 | round | set_id | commit_finalized_height`", () => {
    const msg: GrandpaGossipMessage = {
      tag: "Neighbor",
      value: { tag: "V1", value: { round: 7n, setId: 2n, commitFinalizedHeight: 300 } },
    };
    const bytes = GrandpaGossipMessage.enc(msg);
    expect(toHex(bytes)).toBe(toHex(concatBytes(fromHex("0x0201"), le(7n, 8), le(2n, 8), le(300n, 4))));
    expect(GrandpaGossipMessage.dec(bytes)).toEqual(msg);
  });

  it("encodes a vote as `00 | round | set_id | kind | hash | number | signature | id`", () => {
    const msg: GrandpaGossipMessage = {
      tag: "Vote",
      value: {
        round: 1n,
        setId: 0n,
        message: {
          message: { tag: "Precommit", value: { targetHash: hash, targetNumber: 5 } },
          signature: sig,
          id: pub,
        },
      },
    };
    const bytes = GrandpaGossipMessage.enc(msg);
    const expected = concatBytes(
      fromHex("0x00"),
      le(1n, 8),
      le(0n, 8),
      fromHex("0x01"),
      hash,
      le(5n, 4),
      sig,
      pub,
    );
    expect(toHex(bytes)).toBe(toHex(expected));
    expect(GrandpaGossipMessage.dec(bytes)).toEqual(msg);
  });

  it("encodes a compact commit with parallel precommit and signature lists", () => {
    const msg: GrandpaGossipMessage = {
      tag: "Commit",
      value: {
        round: 3n,
        setId: 1n,
        message: {
          targetHash: hash,
          targetNumber: 9,
          precommits: [{ targetHash: hash, targetNumber: 9 }],
          authData: [[sig, pub]],
        },
      },
    };
    const bytes = GrandpaGossipMessage.enc(msg);
    const expected = concatBytes(
      fromHex("0x01"),
      le(3n, 8),
      le(1n, 8),
      hash,
      le(9n, 4),
      fromHex("0x04"),
      hash,
      le(9n, 4),
      fromHex("0x04"),
      sig,
      pub,
    );
    expect(toHex(bytes)).toBe(toHex(expected));
    expect(GrandpaGossipMessage.dec(bytes)).toEqual(msg);
  });

  it("encodes catch-up requests and refuses unknown kinds and neighbor versions", () => {
    const req: GrandpaGossipMessage = { tag: "CatchUpRequest", value: { round: 4n, setId: 1n } };
    expect(toHex(GrandpaGossipMessage.enc(req))).toBe(
      toHex(concatBytes(fromHex("0x03"), le(4n, 8), le(1n, 8))),
    );
    expect(() => GrandpaGossipMessage.dec(fromHex("0x05"))).toThrow();
    expect(() =>
      GrandpaGossipMessage.dec(concatBytes(fromHex("0x0202"), le(1n, 8), le(1n, 8), le(1n, 4))),
    ).toThrow();
  });

  it("encodes Justifications as sync/2 field 8 carries them: `04 'FRNK' <compact len> <bytes>`", () => {
    const frnk = fromHex("0x46524e4b");
    const bytes = Justifications.enc([[frnk, fromHex("0xdeadbeef")]]);
    expect(toHex(bytes)).toBe("0x0446524e4b10deadbeef");
    expect(Justifications.dec(bytes)).toEqual([[frnk, fromHex("0xdeadbeef")]]);
  });
});
