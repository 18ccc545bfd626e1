/**
 * Account reference counting, as FRAME's System: providers keep an account alive (a balance of
 * at least the existential deposit), consumers depend on it existing (a lock, a bond), and
 * sufficients are providers granted by other assets. An account whose providers and sufficients
 * reach zero is reaped: its entry is removed and its nonce starts again from zero.
 */
import { DispatchFailure } from "@canary/frame";
import type { AccountId32 } from "@canary/primitives";
import type { SystemSelf } from "./config.ts";
import type { AccountData, AccountInfo } from "./types.ts";

/** Kusama's `MaxConsumers`. */
export const MAX_CONSUMERS = 16;

export type IncRefStatus = "Created" | "Existed";
export type DecRefStatus = "Reaped" | "Exists";

/** The account functions of one System instance. */
export function accounts(self: SystemSelf) {
  const { storage } = self;
  const emit = (name: "NewAccount" | "KilledAccount", account: AccountId32) => self.emit(name, { account });

  function account(who: AccountId32): AccountInfo {
    return storage.Account.get(who);
  }

  function accountExists(who: AccountId32): boolean {
    return storage.Account.contains(who);
  }

  function accountNonce(who: AccountId32): number {
    return storage.Account.get(who).nonce;
  }

  function incAccountNonce(who: AccountId32): void {
    storage.Account.mutate(who, (a) => ({ ...a, nonce: (a.nonce + 1) >>> 0 }));
  }

  function setAccountData(who: AccountId32, data: AccountData): void {
    storage.Account.mutate(who, (a) => ({ ...a, data }));
  }

  /** Whether any account exists (genesis builds read it once instead of checking each account). */
  function anyAccountExists(): boolean {
    return !storage.Account.entries().next().done;
  }

  /**
   * Genesis only: creates `who`, known not to exist, with one provider and `data`, in one write.
   * It is `incProviders` on a new account followed by `setAccountData`, without their reads; no
   * `NewAccount` event, as none is deposited at genesis (block 0).
   */
  function createGenesisAccount(who: AccountId32, data: AccountData): void {
    storage.Account.set(who, { nonce: 0, consumers: 0, providers: 1, sufficients: 0, data });
  }

  function incProviders(who: AccountId32): IncRefStatus {
    const a = storage.Account.get(who);
    const created = a.providers === 0 && a.sufficients === 0;
    storage.Account.set(who, { ...a, providers: a.providers + 1 });
    if (created) emit("NewAccount", who);
    return created ? "Created" : "Existed";
  }

  /** Fails with `ConsumerRemaining` if this is the last provider and something still consumes the account. */
  function decProviders(who: AccountId32): DecRefStatus {
    const a = storage.Account.get(who);
    if (a.providers === 0) return "Exists"; // FRAME logs and carries on: nothing to release
    if (a.providers === 1 && a.sufficients === 0) {
      if (a.consumers > 0) throw new DispatchFailure({ tag: "ConsumerRemaining" });
      reap(who);
      return "Reaped";
    }
    storage.Account.set(who, { ...a, providers: a.providers - 1 });
    return "Exists";
  }

  function incSufficients(who: AccountId32): IncRefStatus {
    const a = storage.Account.get(who);
    const created = a.providers === 0 && a.sufficients === 0;
    storage.Account.set(who, { ...a, sufficients: a.sufficients + 1 });
    if (created) emit("NewAccount", who);
    return created ? "Created" : "Existed";
  }

  function decSufficients(who: AccountId32): DecRefStatus {
    const a = storage.Account.get(who);
    if (a.sufficients === 0) return "Exists";
    if (a.sufficients === 1 && a.providers === 0) {
      reap(who);
      return "Reaped";
    }
    storage.Account.set(who, { ...a, sufficients: a.sufficients - 1 });
    return "Exists";
  }

  /** Fails with `NoProviders` for an account that does not exist, `TooManyConsumers` past the limit. */
  function incConsumers(who: AccountId32): void {
    const a = storage.Account.get(who);
    if (a.providers === 0) throw new DispatchFailure({ tag: "NoProviders" });
    if (a.consumers >= MAX_CONSUMERS) throw new DispatchFailure({ tag: "TooManyConsumers" });
    storage.Account.set(who, { ...a, consumers: a.consumers + 1 });
  }

  function decConsumers(who: AccountId32): void {
    const a = storage.Account.get(who);
    if (a.consumers === 0) return;
    storage.Account.set(who, { ...a, consumers: a.consumers - 1 });
  }

  /** Whether one more provider could be released without reaping an account still in use. */
  function canDecProviders(who: AccountId32): boolean {
    const a = storage.Account.get(who);
    return a.consumers === 0 || a.providers > 1;
  }

  function reap(who: AccountId32): void {
    storage.Account.remove(who);
    emit("KilledAccount", who);
  }

  return {
    account,
    accountExists,
    accountNonce,
    incAccountNonce,
    setAccountData,
    anyAccountExists,
    createGenesisAccount,
    incProviders,
    decProviders,
    incSufficients,
    decSufficients,
    incConsumers,
    decConsumers,
    canDecProviders,
  };
}

export type SystemAccounts = ReturnType<typeof accounts>;
