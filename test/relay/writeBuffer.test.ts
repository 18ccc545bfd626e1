/**
 * The bundle's storage buffer (@canary/frame storageCache.ts: reads cached, writes and storage
 * transactions kept in the runtime until the host needs them) changes no state: blocks built by
 * the bundle import on the same runtime run in-process without it, and the other way round
 * (`execute_block` checks each header's state root), with the same events.
 */
import { devKeypair } from "@canary/crypto";
import { Bytes, blockHash, storagePrefix, toHex } from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { createRelayRuntime } from "../../runtimes/relay/src/index.ts";
import { signedCall, signedTransfer } from "../support/transfer.ts";
import { RelayChain, ready, relayBundle } from "./harness.ts";

const UNITS = 1_000_000_000_000n;
const EVENTS = storagePrefix("System", "Events");
let code: Uint8Array;

beforeAll(async () => {
  await ready();
  code = (await relayBundle()).code;
}, 60_000);

/** A fresh account id, not a dev account. */
const fresh = (i: number) => new Uint8Array(32).fill(0x40 + i);

/** Blocks that exercise the storage paths: new and existing accounts, a dispatch that fails and rolls back, a remark, many events. */
function blocks(genesisHash: Uint8Array): Uint8Array[][] {
  const [alice, bob, charlie] = [devKeypair("Alice"), devKeypair("Bob"), devKeypair("Charlie")];
  const remark = Uint8Array.of(0, 0, ...Bytes.enc(Uint8Array.of(1, 2, 3)));
  return [
    [
      signedTransfer(genesisHash, alice, bob.publicKey, 5n * UNITS),
      signedTransfer(genesisHash, bob, fresh(1), 20n * UNITS),
      // More than Charlie holds: the dispatch fails and its writes roll back; the fee stays paid.
      signedTransfer(genesisHash, charlie, fresh(2), 1n << 100n),
      signedCall(genesisHash, alice, remark, { nonce: 1 }),
    ],
    [
      ...Array.from({ length: 8 }, (_, i) =>
        signedTransfer(genesisHash, alice, fresh(3 + i), UNITS, { nonce: 2 + i }),
      ),
      signedTransfer(genesisHash, bob, fresh(1), UNITS, { nonce: 1 }),
      signedTransfer(genesisHash, charlie, alice.publicKey, 3n * UNITS, { nonce: 1 }),
    ],
  ];
}

describe("the bundle's storage buffer", () => {
  for (const [authorBuffered, name] of [
    [true, "blocks built with it import without it"],
    [false, "blocks built without it import with it"],
  ] as const) {
    it(name, () => {
      const author = new RelayChain(code);
      const importer = new RelayChain(code);
      const plain = authorBuffered ? importer : author;
      plain.inProcess = createRelayRuntime().exports;
      for (const [n, xts] of blocks(author.genesisHash).entries()) {
        const { block, results } = author.buildBlock(xts);
        // Only block 1's third extrinsic fails (in its dispatch: applied, its fee paid).
        expect(results.filter((r) => r !== "0x0000")).toHaveLength(n === 0 ? 1 : 0);
        importer.importBlock(block);
        expect(toHex(blockHash(importer.head))).toBe(toHex(blockHash(block.header)));
        expect(toHex(importer.root)).toBe(toHex(author.root));
        const events = author.state.storageGet(EVENTS);
        expect(events?.length).toBeGreaterThan(100);
        expect(importer.state.storageGet(EVENTS)).toEqual(events);
      }
    });
  }
});
