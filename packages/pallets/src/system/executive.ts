/** System's side of the executive (`ExecutiveSystem`): block bookkeeping, nonces, weights, outcome events. */
import type { DispatchInfo, DispatchOutcome, ExecutiveSystem } from "@canary/frame";
import { host } from "@canary/frame";
import { u32, WELL_KNOWN_KEYS } from "@canary/primitives";
import type { SystemAccounts } from "./accounts.ts";
import type { SystemBlock } from "./block.ts";
import type { SystemSelf } from "./config.ts";

const dispatchInfo = (info: DispatchInfo) => ({
  weight: info.weight,
  class: { tag: info.class },
  pays_fee: { tag: info.paysFee },
});

export function executiveSystem(self: SystemSelf, b: SystemBlock, accounts: SystemAccounts): ExecutiveSystem {
  const { storage } = self;
  const { accountNonce, incAccountNonce } = accounts;
  return {
    initializeBlock: b.initializeBlock,
    noteApplyExtrinsic: b.noteApplyExtrinsic,
    noteExtrinsic: b.noteExtrinsic,
    noteFinishedExtrinsics: b.noteFinishedExtrinsics,
    finalizeBlock: b.finalizeBlock,
    blockNumber: () => storage.Number.get(),
    blockHash: (number) =>
      number >= 0 && storage.BlockHash.contains(number) ? storage.BlockHash.get(number) : undefined,
    extrinsicIndex: () => {
      const raw = host().storageGet(WELL_KNOWN_KEYS.extrinsicIndex);
      return raw ? u32.dec(raw) : 0;
    },
    accountNonce,
    accountExists: (who) => {
      const a = storage.Account.get(who);
      return a.providers > 0 || a.sufficients > 0;
    },
    incAccountNonce,
    blockWeight: () => {
      const w = storage.BlockWeight.get();
      return { Normal: w.normal, Operational: w.operational, Mandatory: w.mandatory };
    },
    setBlockWeight: (w) =>
      storage.BlockWeight.set({ normal: w.Normal, operational: w.Operational, mandatory: w.Mandatory }),
    allExtrinsicsLen: () => storage.AllExtrinsicsLen.get() ?? 0,
    setAllExtrinsicsLen: (len) => storage.AllExtrinsicsLen.set(len),
    noteDispatchOutcome: (outcome: DispatchOutcome, info: DispatchInfo) => {
      if (outcome.ok) self.emit("ExtrinsicSuccess", { dispatch_info: dispatchInfo(info) });
      else self.emit("ExtrinsicFailed", { dispatch_error: outcome.error, dispatch_info: dispatchInfo(info) });
    },
    takeRuntimeUpgraded: (specName, specVersion) => {
      const last = storage.LastRuntimeUpgrade.get();
      const upgraded = !last || last.spec_name !== specName || last.spec_version < specVersion;
      if (upgraded) storage.LastRuntimeUpgrade.set({ spec_name: specName, spec_version: specVersion });
      return upgraded;
    },
  };
}
