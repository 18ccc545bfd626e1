/**
 * CheckMetadataHash (RFC-0078, issue 13): the relay bundle carries the metadata hash computed when
 * it was built, equal to what a client computes from the metadata the bundle serves; a signer in
 * mode 0 works as before, mode 1 with that hash is accepted and mode 1 with another hash is
 * refused with BadProof.
 */
import { devKeypair } from "@canary/crypto";
import { MetadataApi, TaggedTransactionQueueApi } from "@canary/frame";
import { blockHash, fromHex, toHex } from "@canary/primitives";
import { merkleizeMetadata } from "@polkadot-api/merkleize-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS, METADATA_HASH_PARAMS } from "../../runtimes/relay/src/index.ts";
import { signedTransfer } from "../support/transfer.ts";
import { RelayChain, ready, relayBundle } from "./harness.ts";

let code: Uint8Array;
let builtHash: string;

beforeAll(async () => {
  await ready();
  const bundle = await relayBundle();
  code = bundle.code;
  builtHash = bundle.metadataHash!;
});

describe("the relay's metadata hash", () => {
  it("is baked in at build time and equals merkleize-metadata's digest of the served V15 metadata", () => {
    expect(builtHash).toMatch(/^0x[0-9a-f]{64}$/);
    const chain = new RelayChain(code);
    const metadata = chain.api(MetadataApi).metadata_at_version(15)!;
    const clientHash = toHex(merkleizeMetadata(metadata, { tokenSymbol: "KSM", decimals: 12 }).digest());
    expect(clientHash).toBe(builtHash);
    expect(METADATA_HASH_PARAMS).toEqual({ tokenSymbol: "KSM", decimals: 12 });
    // The code commits to the hash: it is in the bundle's bytes.
    expect(new TextDecoder().decode(code)).toContain(builtHash);
  });

  it("mode 0 and mode 1 with the right hash are valid and applied; mode 1 with another hash is BadProof", () => {
    const chain = new RelayChain(code);
    const alice = devKeypair("Alice");
    const pool = () => chain.api(TaggedTransactionQueueApi);
    const validate = (xt: Uint8Array) =>
      pool().validate_transaction({ tag: "External" }, xt, blockHash(chain.head));
    const mode0 = signedTransfer(chain.genesisHash, alice, DEV_ACCOUNTS.Bob, 10n ** 12n, { nonce: 0 });
    const mode1 = signedTransfer(chain.genesisHash, alice, DEV_ACCOUNTS.Bob, 10n ** 12n, {
      nonce: 0,
      metadataHash: fromHex(builtHash),
    });
    const wrong = fromHex(builtHash);
    wrong[0]! ^= 1;
    const mode1Wrong = signedTransfer(chain.genesisHash, alice, DEV_ACCOUNTS.Bob, 10n ** 12n, {
      nonce: 0,
      metadataHash: wrong,
    });
    expect(validate(mode0).ok).toBe(true);
    expect(validate(mode1).ok).toBe(true);
    expect(validate(mode1Wrong)).toEqual({
      ok: false,
      error: { tag: "Invalid", value: { tag: "BadProof" } },
    });
    const { results } = chain.buildBlock([mode1]);
    expect(results).toEqual(["0x0000"]); // Ok(Ok(()))
  });
});
