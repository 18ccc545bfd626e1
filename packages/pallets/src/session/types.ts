/**
 * Session's types: the runtime's session keys (one public key per key type, in the runtime's
 * order), and the interfaces the runtime wires: who the validators are (the session manager), and
 * who hears of them (the handlers: BABE, GRANDPA, ...).
 */
import { type Codec, FixedBytes, Struct, type TypeDesc } from "@canary/primitives";

/** One key type of the runtime's session keys. */
export interface SessionKeyType {
  /** The field name, e.g. "babe". */
  name: string;
  /** The 4-byte key type id, e.g. "babe" (`KeyTypeId`). */
  id: Uint8Array;
  /** The public key's length: 32 for sr25519/ed25519, 33 for ecdsa. */
  length: number;
}

/** The session keys as values: each key type's public key by name. */
export type SessionKeys = Record<string, Uint8Array>;

/** The runtime's `SessionKeys` struct (`<runtime crate>::SessionKeys`). */
export function sessionKeysCodec(crate: string, types: readonly SessionKeyType[]): Codec<SessionKeys> {
  const fields: Record<string, Codec<Uint8Array>> = {};
  for (const t of types) fields[t.name] = FixedBytes(t.length, `${t.name} key`);
  const struct = Struct(fields, "SessionKeys") as unknown as Codec<SessionKeys>;
  const desc: TypeDesc = { ...struct.desc, path: [crate, "SessionKeys"] } as TypeDesc;
  return { ...struct, desc };
}

/** Validators with the key of one type (`(ValidatorId, Key)` as FRAME's `OneSessionHandler` sees them). */
export type ValidatorKeys = Array<[Uint8Array, Uint8Array]>;

/** FRAME's `OneSessionHandler`: a pallet told of each session's validators, by one key type. */
export interface SessionHandler {
  /** The key type it reads (a `SessionKeyType.name`). */
  readonly keyName: string;
  onGenesisSession(validators: ValidatorKeys): void;
  /** `changed`: the validator set or its keys changed since the last session. */
  onNewSession(changed: boolean, validators: ValidatorKeys, queued: ValidatorKeys, session: number): void;
  onDisabled?(validatorIndex: number): void;
}

/** FRAME's `SessionManager`: the validator set of each new session (staking's elections later). */
export interface SessionManager {
  /** The validators of session `index`, or undefined to keep the current ones. */
  newSession(index: number): Uint8Array[] | undefined;
  /** As `newSession`, for the sessions that genesis starts (0 and 1). */
  newSessionGenesis?(index: number): Uint8Array[] | undefined;
  startSession?(index: number): void;
  endSession?(index: number): void;
}

/** Until staking provides one: the genesis validators stay. */
export const KEEP_VALIDATORS: SessionManager = { newSession: () => undefined };
