/** A `PalletId`'s account (`into_account_truncating`): "modl" ++ id, zero-padded to 32 bytes. */
import { type AccountId32, encodeUtf8 } from "@canary/primitives";

export function palletAccount(id: string): AccountId32 {
  const out = new Uint8Array(32);
  out.set(encodeUtf8(`modl${id}`).subarray(0, 32));
  return out;
}
