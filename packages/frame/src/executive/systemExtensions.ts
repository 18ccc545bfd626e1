/**
 * FRAME System's signed extensions and `CheckMetadataHash`, as objects a runtime lists. Their
 * identifiers and types are the ecosystem's (primitives' `CANARY_SIGNED_EXTENSIONS` holds the
 * data clients see); here each gets its checks.
 */
import {
  type AccountId32,
  CANARY_SIGNED_EXTENSIONS,
  type Era,
  type MetadataHashMode,
  type SignedExtension,
} from "@canary/primitives";
import { FrameError } from "../errors.ts";
import { birthHash, checkNonce, checkWeight, genesisHash, longevity } from "./checks.ts";
import type { ExtensionContext, TransactionExtension } from "./extensions.ts";
import { invalid } from "./transactionValidity.ts";

/** The wire description (identifier, extra, additional and their keys) of a well-known extension. */
export function extensionData(identifier: string): SignedExtension {
  const data = CANARY_SIGNED_EXTENSIONS.find((e) => e.identifier === identifier);
  if (!data) throw new FrameError("FRAME_UNKNOWN_EXTENSION", `no signed extension ${identifier} is defined`);
  return data;
}

export const CheckNonZeroSender: TransactionExtension<undefined, undefined> = {
  ...extensionData("CheckNonZeroSender"),
  check: ({ who }) => {
    if (who?.every((b) => b === 0)) throw invalid({ tag: "BadSigner" });
    return undefined;
  },
};

export const CheckSpecVersion: TransactionExtension<undefined, number> = {
  ...extensionData("CheckSpecVersion"),
  additional: (_extra, ctx) => ctx.version.spec_version,
};

export const CheckTxVersion: TransactionExtension<undefined, number> = {
  ...extensionData("CheckTxVersion"),
  additional: (_extra, ctx) => ctx.version.transaction_version,
};

export const CheckGenesis: TransactionExtension<undefined, Uint8Array> = {
  ...extensionData("CheckGenesis"),
  additional: (_extra, ctx) => genesisHash(ctx.system),
};

export const CheckMortality: TransactionExtension<Era, Uint8Array> = {
  ...extensionData("CheckMortality"),
  additional: (era, ctx) => birthHash(ctx.system, era, ctx.current),
  check: (_tx, era, ctx) => ({ validity: { longevity: longevity(era, ctx.current) } }),
};

export const CheckNonce: TransactionExtension<number, undefined> = {
  ...extensionData("CheckNonce"),
  check: ({ who }, nonce, ctx) => {
    const signer = who as AccountId32;
    const tags = checkNonce(ctx.system, signer, nonce, ctx.mode);
    if (ctx.mode === "apply") ctx.system.incAccountNonce(signer);
    return { validity: tags };
  },
};

/** `CheckWeight`: the extrinsic must fit the block; applying it records its weight and length. */
function recordWeight(
  tx: { info: Parameters<typeof checkWeight>[3]; len: number },
  ctx: ExtensionContext,
): void {
  const used = checkWeight(
    ctx.limits,
    ctx.system.blockWeight(),
    ctx.system.allExtrinsicsLen(),
    tx.info,
    tx.len,
  );
  if (ctx.mode !== "apply") return;
  ctx.system.setBlockWeight(used.weight);
  ctx.system.setAllExtrinsicsLen(used.len);
}

export const CheckWeight: TransactionExtension<undefined, undefined> = {
  ...extensionData("CheckWeight"),
  check: (tx, _extra, ctx) => {
    recordWeight(tx, ctx);
    return undefined;
  },
  checkUnsigned: (tx, ctx) => recordWeight(tx, ctx),
};

/**
 * `CheckMetadataHash` (RFC-0078). `metadataHash` is the hash this runtime was built with, if any:
 * without one, a signer asking for a hash (mode 1) signed `Some(hash)` and fails with BadProof,
 * as in Substrate without `RUNTIME_METADATA_HASH`.
 */
export function checkMetadataHash(
  metadataHash: Uint8Array | undefined,
): TransactionExtension<MetadataHashMode, Uint8Array | undefined> {
  return {
    ...extensionData("CheckMetadataHash"),
    additional: (mode) => (mode === 1 ? metadataHash : undefined),
  };
}

/** FRAME System's extensions in Kusama's order (ChargeTransactionPayment and CheckMetadataHash follow). */
export const SYSTEM_EXTENSIONS: readonly TransactionExtension[] = [
  CheckNonZeroSender,
  CheckSpecVersion,
  CheckTxVersion,
  CheckGenesis,
  CheckMortality,
  CheckNonce,
  CheckWeight,
];
