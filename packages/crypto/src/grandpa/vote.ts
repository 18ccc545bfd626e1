/**
 * GRANDPA vote signatures: ed25519 over `SCALE((message, round, set_id))`
 * (`sp_consensus_grandpa::localized_payload`, `check_message_signature`).
 */
import { type GrandpaMessage, type GrandpaSignedMessage, grandpaVotePayload } from "@canary/primitives";
import { ed25519Sign, ed25519Verify } from "../ed25519.ts";
import { GrandpaError } from "../errors.ts";
import { isBytes, type Keypair } from "../keypair.ts";

/** Signs `message` for `round` of authority set `setId` with the voter's ed25519 (`gran`) key. */
export function signGrandpaVote(
  pair: Keypair,
  message: GrandpaMessage,
  round: bigint,
  setId: bigint,
): GrandpaSignedMessage {
  if (pair?.scheme !== "ed25519" || !isBytes(pair.publicKey, 32))
    throw new GrandpaError(
      "GRANDPA_BAD_KEYPAIR",
      "GRANDPA votes are signed with an ed25519 key pair (the `gran` session key)",
    );
  const signature = ed25519Sign(pair, grandpaVotePayload(message, round, setId));
  return { message, signature, id: pair.publicKey };
}

/** Whether `signed.signature` is `signed.id`'s signature of the message in (round, set id). */
export function verifyGrandpaVote(signed: GrandpaSignedMessage, round: bigint, setId: bigint): boolean {
  let payload: Uint8Array;
  try {
    payload = grandpaVotePayload(signed.message, round, setId);
  } catch {
    return false; // a value no SCALE encoding holds (e.g. a 33-byte hash)
  }
  return ed25519Verify(signed.signature, payload, signed.id);
}
