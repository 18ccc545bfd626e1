/**
 * Setting and purging a validator's session keys (FRAME's `do_set_keys`/`do_purge_keys`): each key
 * has one owner (`KeyOwner`), a validator's keys are `NextKeys`, and holding keys is a consumer of
 * the account, so an account cannot be reaped while it has keys.
 */
import { DispatchFailure } from "@canary/frame";
import { type AccountId32, bytesEqual } from "@canary/primitives";
import type { SessionSelf } from "./config.ts";
import type { SessionKeys } from "./types.ts";

export function keyFns(self: SessionSelf) {
  const { storage, config } = self;
  const owner = (id: Uint8Array, key: Uint8Array) => storage.KeyOwner.get([id, key]);

  function setKeys(who: AccountId32, keys: SessionKeys): void {
    const account = config.system.api.account(who);
    if (account.providers === 0) throw self.fail("NoAccount");
    const old = storage.NextKeys.get(who);
    for (const t of config.keyTypes) {
      const holder = owner(t.id, keys[t.name]!);
      if (holder && !bytesEqual(holder, who)) throw self.fail("DuplicatedKey");
    }
    for (const t of config.keyTypes) {
      const key = keys[t.name]!;
      const previous = old?.[t.name];
      if (previous && bytesEqual(previous, key)) continue;
      if (previous) storage.KeyOwner.remove([t.id, previous]);
      storage.KeyOwner.set([t.id, key], who);
    }
    storage.NextKeys.set(who, keys);
    if (!old) {
      try {
        config.system.api.incConsumers(who);
      } catch (e) {
        if (e instanceof DispatchFailure) throw self.fail("NoAccount");
        throw e;
      }
    }
  }

  function purgeKeys(who: AccountId32): void {
    const old = storage.NextKeys.get(who);
    if (!old) throw self.fail("NoKeys");
    storage.NextKeys.remove(who);
    for (const t of config.keyTypes) storage.KeyOwner.remove([t.id, old[t.name]!]);
    config.system.api.decConsumers(who);
  }

  /** A validator's keys for the next session (FRAME's `load_keys`). */
  const loadKeys = (who: AccountId32): SessionKeys | undefined => storage.NextKeys.get(who);
  return { setKeys, purgeKeys, keyOwner: owner, loadKeys, keyTypes: config.keyTypes };
}

export type KeyFns = ReturnType<typeof keyFns>;
