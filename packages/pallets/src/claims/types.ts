/** Claims' types, with the type paths of `polkadot_runtime_common::claims` so clients decode them. */
import {
  Enum,
  type EnumValue,
  encodeUtf8,
  FixedBytes,
  Tuple,
  u32,
  u128,
  withIdentity,
} from "@canary/primitives";

/** An Ethereum address: 20 bytes. */
export const EthereumAddress = withIdentity(FixedBytes(20, "EthereumAddress"), {
  path: ["polkadot_runtime_common", "claims", "EthereumAddress"],
});

/** A 65-byte `r ‖ s ‖ v` signature, as Ethereum's `personal_sign` returns it. */
export const EcdsaSignature = withIdentity(FixedBytes(65, "EcdsaSignature"), {
  path: ["polkadot_runtime_common", "claims", "EcdsaSignature"],
});

const statementVariants = { Regular: [0], Saft: [1] } as const;
export const StatementKind = withIdentity(Enum(statementVariants, "StatementKind"), {
  path: ["polkadot_runtime_common", "claims", "StatementKind"],
});
export type StatementKind = EnumValue<typeof statementVariants>["tag"];

const statement = (hash: string, page: string) =>
  `I hereby agree to the terms of the statement whose SHA-256 multihash is ${hash}. (This may be found at the URL: https://statement.polkadot.network/${page}.html)`;

/** The exact texts a claimant attests to (`StatementKind::to_text`). */
export const STATEMENT_TEXT: Record<StatementKind, string> = {
  Regular: statement("Qmc1XYqT6S39WNp2UeiRUrZichUWUPpGEThDE6dAb3f6Ny", "regular"),
  Saft: statement("QmXEkMahfhHJPzT3RjkXiZVFi77ZeVeuxtAjhojGRNYckz", "saft"),
};
export const statementBytes = (kind: StatementKind): Uint8Array => encodeUtf8(STATEMENT_TEXT[kind]);

/** A claim's vesting: (locked, per_block, starting_block). */
export const ClaimVesting = Tuple(u128, u128, u32);
export type ClaimVesting = [bigint, bigint, number];

/** Kusama's `ValidityError` codes (polkadot-primitives), carried in `InvalidTransaction::Custom`. */
export const ValidityError = {
  InvalidEthereumSignature: 0,
  SignerHasNoClaim: 1,
  NoPermission: 2,
  InvalidStatement: 3,
} as const;
