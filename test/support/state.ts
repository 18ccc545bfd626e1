/** Reading a node's state the way the runtime lays it out. */
import type { Chain } from "@canary/node";
import { AccountId32, storageKey, u128 } from "@canary/primitives";

/** Free balance of `who` at `chain`'s best block (System.Account: nonce, refs, then data.free). */
export function freeBalance(chain: Chain, who: Uint8Array): bigint {
  const key = storageKey("System", "Account", ["Blake2_128Concat", AccountId32.enc(who)]);
  const raw = chain.host(chain.stateAt(chain.best().hash)).storageGet(key);
  // AccountInfo: nonce, consumers, providers, sufficients (u32 each), then data.free (u128 LE).
  return raw ? u128.dec(raw.subarray(16, 32)) : 0n;
}
