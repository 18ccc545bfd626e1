/**
 * What keeps free claims out of the pool unless they would succeed: `ValidateUnsigned` for
 * `claim`/`claim_attest` and the `PrevalidateAttests` extension for the free `attest`, each
 * rejecting with Kusama's custom validity codes (`ValidityError`).
 */
import { invalid, type RuntimeCall, type TransactionExtension } from "@canary/frame";
import { bytesEqual, concatBytes, mapCodec, str, unit } from "@canary/primitives";
import type { ClaimFns } from "./claiming.ts";
import type { ClaimsSelf } from "./config.ts";
import { statementBytes, ValidityError } from "./types.ts";

const custom = (code: keyof typeof ValidityError, detail: string) =>
  invalid({ tag: "Custom", value: ValidityError[code] }, `claims: ${detail}`);

/** Kusama's priority for claims. */
const PRIORITY = 100n;
const LONGEVITY_MAX = (1n << 64n) - 1n;

type ClaimsCall =
  | { tag: "claim"; value: { dest: Uint8Array; ethereum_signature: Uint8Array } }
  | {
      tag: "claim_attest";
      value: { dest: Uint8Array; ethereum_signature: Uint8Array; statement: Uint8Array };
    }
  | { tag: "attest"; value: { statement: Uint8Array } }
  | { tag: string; value: unknown };

/** The statement the signer's claim requires must be given exactly; none required means none given. */
function statementMatches(self: ClaimsSelf, signer: Uint8Array, statement: Uint8Array | undefined): boolean {
  const kind = self.storage.Signing.get(signer);
  if (kind === undefined) return statement === undefined;
  return statement !== undefined && bytesEqual(statementBytes(kind.tag), statement);
}

export function validation(self: ClaimsSelf, { recoverSigner }: ClaimFns) {
  /**
   * FRAME's `validate_unsigned` for this pallet's calls (undefined for other pallets' calls, so the
   * runtime can ask each validator in turn); throws `Invalid(Call)` for its other calls.
   */
  function validateUnsigned(call: RuntimeCall) {
    if (call.tag !== self.name) return undefined;
    const inner = call.value as ClaimsCall;
    let statement: Uint8Array | undefined;
    if (inner.tag === "claim_attest")
      statement = (inner as Extract<ClaimsCall, { tag: "claim_attest" }>).value.statement;
    else if (inner.tag !== "claim") throw invalid({ tag: "Call" });
    const { dest, ethereum_signature } = (inner as Extract<ClaimsCall, { tag: "claim" }>).value;
    const signer = recoverSigner(ethereum_signature, dest, statement ?? new Uint8Array());
    if (signer === undefined)
      throw custom("InvalidEthereumSignature", "the signature recovers no Ethereum address");
    if (!self.storage.Claims.contains(signer)) throw custom("SignerHasNoClaim", "the signer has no claim");
    if (!statementMatches(self, signer, statement)) {
      throw custom("InvalidStatement", "the statement is not the one this claim requires");
    }
    return {
      priority: PRIORITY,
      longevity: LONGEVITY_MAX,
      provides: [concatBytes(str.enc("claims"), signer)],
    };
  }

  /** `PrevalidateAttests`: a signed `attest` needs a preclaim and the statement its claim requires. */
  const prevalidateAttests: TransactionExtension<undefined, undefined> = {
    identifier: "PrevalidateAttests",
    // A unit struct: nothing in the extrinsic, nothing signed beyond it.
    extra: mapCodec(
      unit,
      (v) => v,
      (v) => v,
      "PrevalidateAttests",
      {
        kind: "composite",
        path: ["polkadot_runtime_common", "claims", "PrevalidateAttests"],
        params: [{ name: "T" }],
        fields: [],
      },
    ),
    additionalSigned: unit,
    check: ({ who, call }) => {
      if (call.tag !== self.name || (call.value as ClaimsCall).tag !== "attest") return undefined;
      const { statement } = (call.value as Extract<ClaimsCall, { tag: "attest" }>).value;
      const signer = who && self.storage.Preclaims.get(who);
      if (signer === undefined) throw custom("SignerHasNoClaim", "the sender has no preclaim to attest");
      const kind = self.storage.Signing.get(signer);
      if (kind !== undefined && !bytesEqual(statementBytes(kind.tag), statement)) {
        throw custom("InvalidStatement", "the statement is not the one this claim requires");
      }
      return undefined;
    },
  };

  return { validateUnsigned, prevalidateAttests };
}
