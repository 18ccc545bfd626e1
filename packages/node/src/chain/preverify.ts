/**
 * Signature checks ahead of execution (DESIGN.md §6): the signed extrinsics of a block are
 * verified on worker threads, and the runtime's verification calls are answered from the
 * verdicts (see importQueue.ts for verification beside execution). Only what the node can rebuild exactly is checked ahead (the signing payload
 * needs the runtime's versions, the genesis hash and the era's birth block); anything else, and
 * anything that failed, the runtime verifies itself, so this can save time but never change a verdict.
 */
import type { SignatureCheck, SignatureVerifier } from "@canary/crypto";
import { CoreApi } from "@canary/frame";
import {
  type Block,
  DecodeError,
  decodeExtrinsic,
  type Extrinsic,
  eraBirth,
  type Header,
  payloadToSign,
  signingPayload,
} from "@canary/primitives";
import { VerifiedSignatureSet } from "../overlay/index.ts";
import type { Chain } from "./chain.ts";
import { apiAt } from "./runtimeApi.ts";

/** The runtime versions a signing payload carries (`Core_version`'s). */
export interface RuntimeVersions {
  readonly spec_version: number;
  readonly transaction_version: number;
}

/** What building a block's checks needs to know of blocks not yet in the chain (an import queue's). */
export interface PendingHeaders {
  header(hash: Uint8Array): Header | undefined;
}

/**
 * The signature checks of `block`'s signed extrinsics, as the runtime will ask for them. The
 * runtime version is the parent's (or, when the parent is not imported yet, `version`: a guess
 * that only costs time when wrong, as the runtime then verifies itself).
 */
export function blockSignatureChecks(
  chain: Chain,
  block: Block,
  version: RuntimeVersions,
  pending?: PendingHeaders,
): SignatureCheck[] {
  const { number, parentHash } = block.header;
  return extrinsicSignatureChecks(chain, block.extrinsics, { number, parentHash }, version, pending);
}

/**
 * The signature checks of `extrinsics` as the runtime asks for them in a block `at.number` on
 * `at.parentHash` (also the pool's view: a transaction is validated as if in the next block).
 */
export function extrinsicSignatureChecks(
  chain: Chain,
  extrinsics: readonly Uint8Array[],
  at: { number: number; parentHash: Uint8Array },
  version: RuntimeVersions,
  pending?: PendingHeaders,
): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  const headerOf = (hash: Uint8Array) => chain.header(hash) ?? pending?.header(hash);
  for (const xt of extrinsics) {
    let decoded: Extrinsic;
    try {
      decoded = decodeExtrinsic(xt);
    } catch (e) {
      if (e instanceof DecodeError) continue; // the runtime refuses it
      throw e;
    }
    const { signed, call } = decoded;
    if (signed?.address.tag !== "Id") continue;
    const { signature } = signed;
    const scheme =
      signature.tag === "Sr25519" ? "sr25519" : signature.tag === "Ed25519" ? "ed25519" : undefined;
    if (!scheme) continue;
    // The era's birth block on this block's chain: an ancestor of the parent (or the parent).
    const birthNumber = eraBirth(signed.extra.era, at.number);
    const birthHash =
      signed.extra.era.tag === "Immortal"
        ? chain.genesisHash
        : ancestorAt(headerOf, at.parentHash, birthNumber);
    if (!birthHash) continue;
    const payload = signingPayload({
      call,
      extra: signed.extra,
      additional: {
        specVersion: version.spec_version,
        txVersion: version.transaction_version,
        genesisHash: chain.genesisHash,
        birthHash,
        metadataHash: undefined,
      },
    });
    checks.push({
      scheme,
      signature: signature.value,
      message: payloadToSign(payload),
      publicKey: signed.address.value,
    });
  }
  return checks;
}

/** Verifies `block`'s signatures on `verifier`'s workers before it runs (its parent must be imported). */
export async function preverify(
  chain: Chain,
  block: Block,
  verifier: SignatureVerifier,
): Promise<VerifiedSignatureSet> {
  const verified = new VerifiedSignatureSet();
  if (!chain.header(block.header.parentHash)) return verified;
  const version = apiAt(chain, block.header.parentHash, CoreApi).version();
  const checks = blockSignatureChecks(chain, block, version);
  const verdicts = await verifier.verify(checks);
  checks.forEach((c, i) => {
    if (verdicts[i]) verified.add(c.signature, c.message, c.publicKey, schemeOf(c));
  });
  return verified;
}

/** The hash of the ancestor of `from` (inclusive) at height `number`, if known. */
function ancestorAt(
  headerOf: (hash: Uint8Array) => Header | undefined,
  from: Uint8Array,
  number: number,
): Uint8Array | undefined {
  let hash = from;
  for (;;) {
    const header = headerOf(hash);
    if (!header || header.number < number) return undefined;
    if (header.number === number) return hash;
    hash = header.parentHash;
  }
}

/** The scheme a verified entry answers for (checks here are only ever sr25519 or ed25519). */
function schemeOf(check: SignatureCheck): "sr25519" | "ed25519" | undefined {
  return check.scheme === "sr25519" || check.scheme === "ed25519" ? check.scheme : undefined;
}
