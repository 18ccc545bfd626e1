/** Account identifiers, addresses and signatures, with Substrate's type paths for metadata. */
import { Bytes, FixedBytes } from "./scale/bytes.ts";
import { type Codec, withIdentity } from "./scale/codec.ts";
import { compactU32 } from "./scale/compact.ts";
import { Enum, type EnumValue } from "./scale/composite.ts";

export type AccountId32 = Uint8Array;

const accountBytes = FixedBytes(32, "AccountId32");

/** A newtype over `[u8; 32]` as in Rust: clients (polkadot-api) recognise it by that shape and path. */
export const AccountId32: Codec<AccountId32> = {
  ...accountBytes,
  desc: {
    kind: "composite",
    path: ["sp_core", "crypto", "AccountId32"],
    fields: [{ type: accountBytes.desc, typeName: "[u8; 32]" }],
  },
};

const multiAddressVariants = {
  Id: [0, AccountId32],
  Index: [1, compactU32],
  Raw: [2, Bytes],
  Address32: [3, FixedBytes(32, "Address32")],
  Address20: [4, FixedBytes(20, "Address20")],
} as const;

export type MultiAddress = EnumValue<typeof multiAddressVariants>;

export const MultiAddress: Codec<MultiAddress> = withIdentity(Enum(multiAddressVariants, "MultiAddress"), {
  path: ["sp_runtime", "multiaddress", "MultiAddress"],
  params: [{ name: "AccountId", type: AccountId32.desc }, { name: "AccountIndex" }],
});

const multiSignatureVariants = {
  Ed25519: [0, FixedBytes(64, "ed25519 signature")],
  Sr25519: [1, FixedBytes(64, "sr25519 signature")],
  Ecdsa: [2, FixedBytes(65, "ecdsa signature")],
} as const;

export type MultiSignature = EnumValue<typeof multiSignatureVariants>;

export const MultiSignature: Codec<MultiSignature> = withIdentity(
  Enum(multiSignatureVariants, "MultiSignature"),
  {
    path: ["sp_runtime", "MultiSignature"],
  },
);
