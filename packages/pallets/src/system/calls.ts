/** System's calls, with FRAME's call indices. */
import { call, ensureRoot, ensureSigned, host, type Origin, RuntimeVersionCodec } from "@canary/frame";
import {
  Bytes,
  blake2_256,
  bytesEqual,
  DecodeError,
  H256,
  Tuple,
  u32,
  Vec,
  WELL_KNOWN_KEYS,
} from "@canary/primitives";
import type { SystemBlock } from "./block.ts";
import type { SystemSelf } from "./config.ts";
import { weights } from "./weights.ts";

/** System's calls for one instance. */
export function calls(self: SystemSelf, { depositLog }: SystemBlock) {
  const { storage } = self;

  /** Checks new code as FRAME's `can_set_code`: it must run, keep the spec name and raise the spec version. */
  function checkCode(code: Uint8Array): void {
    const encoded = host().runtimeVersion(code);
    let version: { spec_name: string; spec_version: number } | undefined;
    try {
      version = encoded ? RuntimeVersionCodec.dec(encoded) : undefined;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
    if (!version) throw self.fail("FailedToExtractRuntimeVersion");
    const current = self.config.version();
    if (version.spec_name !== current.spec_name) throw self.fail("InvalidSpecName");
    if (version.spec_version <= current.spec_version) throw self.fail("SpecVersionNeedsToIncrease");
  }

  /** Writes `:code`; the node runs the new code from the next block (it executes with the parent's code). */
  function updateCode(code: Uint8Array): void {
    host().storageSet(WELL_KNOWN_KEYS.code, code);
    depositLog({ tag: "RuntimeEnvironmentUpdated" });
    self.emit("CodeUpdated", {});
  }

  function authorize(origin: Origin, codeHash: Uint8Array, checkVersion: boolean): void {
    ensureRoot(origin);
    storage.AuthorizedUpgrade.set({ code_hash: codeHash, check_version: checkVersion });
    self.emit("UpgradeAuthorized", { code_hash: codeHash, check_version: checkVersion });
  }

  return {
    remark: call({
      index: 0,
      args: { remark: Bytes },
      weight: (a) => weights.remark(a.remark.length),
      docs: ["Make some on-chain remark. Can be executed by every `origin`."],
      dispatch: () => {},
    }),
    set_code: call({
      index: 2,
      args: { code: Bytes },
      weight: weights.setCode,
      class: "Operational",
      docs: ["Set the new runtime code."],
      dispatch: (origin, { code }) => {
        ensureRoot(origin);
        checkCode(code);
        updateCode(code);
        return { paysFee: "No" };
      },
    }),
    set_code_without_checks: call({
      index: 3,
      args: { code: Bytes },
      weight: weights.setCode,
      class: "Operational",
      docs: ["Set the new runtime code without doing any checks of the given `code`."],
      dispatch: (origin, { code }) => {
        ensureRoot(origin);
        updateCode(code);
        return { paysFee: "No" };
      },
    }),
    set_storage: call({
      index: 4,
      args: { items: Vec(Tuple(Bytes, Bytes)) },
      weight: (a) => weights.setStorage(a.items.length),
      class: "Operational",
      docs: ["Set some items of storage."],
      dispatch: (origin, { items }) => {
        ensureRoot(origin);
        for (const [key, value] of items) host().storageSet(key, value);
      },
    }),
    kill_storage: call({
      index: 5,
      args: { keys: Vec(Bytes) },
      weight: (a) => weights.killStorage(a.keys.length),
      class: "Operational",
      docs: ["Kill some items from storage."],
      dispatch: (origin, { keys }) => {
        ensureRoot(origin);
        for (const key of keys) host().storageClear(key);
      },
    }),
    kill_prefix: call({
      index: 6,
      args: { prefix: Bytes, subkeys: u32 },
      weight: (a) => weights.killPrefix(a.subkeys),
      class: "Operational",
      docs: ["Kill all storage items with a key that starts with the given prefix."],
      dispatch: (origin, { prefix, subkeys }) => {
        ensureRoot(origin);
        host().storageClearPrefix(prefix, subkeys);
      },
    }),
    remark_with_event: call({
      index: 7,
      args: { remark: Bytes },
      weight: (a) => weights.remarkWithEvent(a.remark.length),
      docs: ["Make some on-chain remark and emit event."],
      dispatch: (origin, { remark }) => {
        const sender = ensureSigned(origin);
        self.emit("Remarked", { sender, hash: blake2_256(remark) });
      },
    }),
    authorize_upgrade: call({
      index: 9,
      args: { code_hash: H256 },
      weight: weights.authorizeUpgrade,
      docs: ["Authorize an upgrade to a given `code_hash` for the runtime."],
      dispatch: (origin, { code_hash }) => authorize(origin, code_hash, true),
    }),
    authorize_upgrade_without_checks: call({
      index: 10,
      args: { code_hash: H256 },
      weight: weights.authorizeUpgrade,
      docs: ["Authorize an upgrade to a given `code_hash` for the runtime, without version checks."],
      dispatch: (origin, { code_hash }) => authorize(origin, code_hash, false),
    }),
    apply_authorized_upgrade: call({
      index: 11,
      args: { code: Bytes },
      weight: weights.setCode,
      class: "Operational",
      docs: ["Provide the preimage (runtime binary) `code` for an upgrade that has been authorized."],
      dispatch: (_origin, { code }) => {
        const authorization = storage.AuthorizedUpgrade.get();
        if (!authorization) throw self.fail("NothingAuthorized");
        if (!bytesEqual(blake2_256(code), authorization.code_hash)) throw self.fail("Unauthorized");
        if (authorization.check_version) checkCode(code);
        storage.AuthorizedUpgrade.kill();
        updateCode(code);
        return { paysFee: "No" };
      },
    }),
  };
}
