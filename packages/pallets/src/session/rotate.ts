/**
 * Moving from one session to the next (FRAME's `rotate_session`): the queued validators and keys
 * become current, the session manager names the validators of the session after next, their keys
 * are queued, and every handler hears of the change.
 */
import { bytesEqual } from "@canary/primitives";
import type { SessionSelf } from "./config.ts";
import type { SessionKeys, ValidatorKeys } from "./types.ts";

type Queued = Array<[Uint8Array, SessionKeys]>;

/** Each handler's view: the validators with that handler's key. */
const byKey = (queued: Queued, name: string): ValidatorKeys =>
  queued.map(([who, keys]) => [who, keys[name] as Uint8Array]);

function sameKeys(a: SessionKeys, b: SessionKeys): boolean {
  return Object.keys(a).every((name) => b[name] !== undefined && bytesEqual(a[name]!, b[name]!));
}

export function rotation(self: SessionSelf) {
  const { storage, config } = self;

  /** Validators paired with their next keys; those without keys are left out, as FRAME does. */
  function withKeys(validators: readonly Uint8Array[]): Queued {
    const out: Queued = [];
    for (const who of validators) {
      const keys = storage.NextKeys.get(who);
      if (keys) out.push([who, keys]);
    }
    return out;
  }

  function rotate(): void {
    const { sessionManager } = config;
    const index = storage.CurrentIndex.get();
    const changed = storage.QueuedChanged.get();
    sessionManager.endSession?.(index);
    const current = storage.QueuedKeys.get();
    storage.Validators.set(current.map(([who]) => who));
    const next = index + 1;
    storage.CurrentIndex.set(next);
    sessionManager.startSession?.(next);
    const elected = sessionManager.newSession(next + 1);
    const queued = withKeys(elected ?? storage.Validators.get());
    // As FRAME: the queue changed when the identities did, or when any queued key did.
    const keysChanged =
      queued.length !== current.length ||
      queued.some(([who, keys], i) => !bytesEqual(who, current[i]![0]) || !sameKeys(keys, current[i]![1]));
    storage.QueuedKeys.set(queued);
    storage.QueuedChanged.set(elected !== undefined || keysChanged);
    storage.DisabledValidators.kill();
    for (const handler of config.handlers()) {
      handler.onNewSession(changed, byKey(current, handler.keyName), byKey(queued, handler.keyName), next);
    }
    self.emit("NewSession", { session_index: next });
  }

  /** Genesis: sessions 0 and 1 start with the given (or the manager's) validators. */
  function genesis(initial: Uint8Array[]): void {
    const { sessionManager } = config;
    const first = sessionManager.newSessionGenesis?.(0) ?? initial;
    const second = sessionManager.newSessionGenesis?.(1) ?? first;
    const queued = withKeys(second);
    const current = withKeys(first);
    for (const handler of config.handlers()) handler.onGenesisSession(byKey(current, handler.keyName));
    storage.Validators.set(current.map(([who]) => who));
    storage.QueuedKeys.set(queued);
    sessionManager.startSession?.(0);
  }

  return { rotate, genesis };
}
