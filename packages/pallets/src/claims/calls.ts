/** Claims' calls, with Kusama's indices and argument names. */
import { call, ensureNone, ensureRoot, ensureSigned } from "@canary/frame";
import { AccountId32, Bytes, bytesEqual, Option, u128 } from "@canary/primitives";
import type { ClaimFns } from "./claiming.ts";
import type { ClaimsSelf } from "./config.ts";
import { ClaimVesting, EcdsaSignature, EthereumAddress, StatementKind, statementBytes } from "./types.ts";
import { weights } from "./weights.ts";

export function calls(self: ClaimsSelf, { recoverSigner, processClaim }: ClaimFns) {
  const { storage } = self;

  /** A statement must be the exact text of the kind the signer's claim requires, if any. */
  function checkStatement(signer: Uint8Array, statement: Uint8Array): void {
    const kind = storage.Signing.get(signer);
    if (kind !== undefined && !bytesEqual(statementBytes(kind.tag), statement))
      throw self.fail("InvalidStatement");
  }

  return {
    claim: call({
      index: 0,
      args: { dest: AccountId32, ethereum_signature: EcdsaSignature },
      weight: weights.claim,
      docs: ["Make a claim to collect your DOTs.", "", "The dispatch origin for this call must be _None_."],
      dispatch: (origin, { dest, ethereum_signature }) => {
        ensureNone(origin);
        const signer = recoverSigner(ethereum_signature, dest, new Uint8Array());
        if (signer === undefined) throw self.fail("InvalidEthereumSignature");
        // A claim that needs a statement goes through `claim_attest`.
        if (storage.Signing.contains(signer)) throw self.fail("InvalidStatement");
        processClaim(signer, dest);
      },
    }),
    mint_claim: call({
      index: 1,
      args: {
        who: EthereumAddress,
        value: u128,
        vesting_schedule: Option(ClaimVesting),
        statement: Option(StatementKind),
      },
      weight: weights.mintClaim,
      docs: ["Mint a new claim to collect DOTs.", "", "The dispatch origin for this call must be _Root_."],
      dispatch: (origin, { who, value, vesting_schedule, statement }) => {
        ensureRoot(origin);
        storage.Total.set(storage.Total.get() + value);
        storage.Claims.set(who, value);
        if (vesting_schedule !== undefined) storage.Vesting.set(who, vesting_schedule);
        if (statement !== undefined) storage.Signing.set(who, statement);
      },
    }),
    claim_attest: call({
      index: 2,
      args: { dest: AccountId32, ethereum_signature: EcdsaSignature, statement: Bytes },
      weight: weights.claimAttest,
      docs: [
        "Make a claim to collect your DOTs by signing a statement.",
        "",
        "The dispatch origin for this call must be _None_.",
      ],
      dispatch: (origin, { dest, ethereum_signature, statement }) => {
        ensureNone(origin);
        const signer = recoverSigner(ethereum_signature, dest, statement);
        if (signer === undefined) throw self.fail("InvalidEthereumSignature");
        checkStatement(signer, statement);
        processClaim(signer, dest);
      },
    }),
    attest: call({
      index: 3,
      args: { statement: Bytes },
      weight: weights.attest,
      pays: "No",
      docs: [
        "Attest to a statement, needed to finalize a claim.",
        "",
        "WARNING: Insecure unless your chain includes `PrevalidateAttests` as a",
        "`TransactionExtension`.",
      ],
      dispatch: (origin, { statement }) => {
        const who = ensureSigned(origin);
        const signer = storage.Preclaims.get(who);
        if (signer === undefined) throw self.fail("SenderHasNoClaim");
        checkStatement(signer, statement);
        processClaim(signer, who);
        storage.Preclaims.remove(who);
      },
    }),
    move_claim: call({
      index: 4,
      args: { old: EthereumAddress, new: EthereumAddress, maybe_preclaim: Option(AccountId32) },
      weight: weights.moveClaim,
      docs: [],
      // Kusama's MoveClaimOrigin is Root.
      dispatch: (origin, args) => {
        ensureRoot(origin);
        const move = <V>(item: {
          get(k: Uint8Array): V | undefined;
          remove(k: Uint8Array): void;
          set(k: Uint8Array, v: V): void;
        }) => {
          const v = item.get(args.old);
          if (v === undefined) return;
          item.remove(args.old);
          item.set(args.new, v);
        };
        move(storage.Claims);
        move(storage.Vesting);
        move(storage.Signing);
        const preclaim = args.maybe_preclaim;
        if (preclaim !== undefined) {
          const o = storage.Preclaims.get(preclaim);
          if (o !== undefined && bytesEqual(o, args.old)) storage.Preclaims.set(preclaim, args.new);
        }
        return { paysFee: "No" };
      },
    }),
  };
}
