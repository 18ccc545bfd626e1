/**
 * The executive (FRAME's `frame_executive`): initializes a block and runs its hooks, applies
 * extrinsics through the signed-extension checks and dispatch, finalizes the block into a header,
 * executes whole blocks for import (checking the roots), and validates transactions for the pool.
 */
import {
  type Block,
  bytesEqual,
  type Codec,
  DecodeError,
  Digest,
  type Extrinsic,
  extrinsicCodec,
  type Header,
  Result,
  toHex,
  unit,
} from "@canary/primitives";
import { host } from "../context.ts";
import { DispatchErrorCodec } from "../dispatchError.ts";
import { FrameError } from "../errors.ts";
import { NoneOrigin, signed } from "../origin.ts";
import type { DispatchOutcome, Runtime, RuntimeCall } from "../runtime.ts";
import type { RuntimeVersion } from "../runtimeVersion.ts";
import { actualWeight, addWeight, type DispatchInfo, minWeight, type Weight } from "../weights.ts";
import { checkSignature } from "./checks.ts";
import {
  type CheckedCall,
  type ExtensionContext,
  extraOf,
  type TransactionExtensions,
} from "./extensions.ts";
import type { ExecutiveSystem, UnsignedValidator } from "./interfaces.ts";
import { type BlockLimits, blockLimits } from "./limits.ts";
import {
  combineValidity,
  DEFAULT_VALIDITY,
  invalid,
  TransactionRejected,
  type TransactionSource,
  type TransactionValidityError,
  TransactionValidityErrorCodec,
  unknown,
  type ValidTransaction,
} from "./transactionValidity.ts";

/** `ApplyExtrinsicResult = Result<Result<(), DispatchError>, TransactionValidityError>`. */
export const ApplyExtrinsicResultCodec = Result(
  Result(unit, DispatchErrorCodec),
  TransactionValidityErrorCodec,
);
export type ApplyExtrinsicResult =
  | { ok: true; value: DispatchOutcome }
  | { ok: false; error: TransactionValidityError };

/** The bytes `BlockBuilder_apply_extrinsic` returns. */
export function encodeApplyExtrinsicResult(result: ApplyExtrinsicResult): Uint8Array {
  if (!result.ok) return ApplyExtrinsicResultCodec.enc(result);
  const outcome = result.value;
  return ApplyExtrinsicResultCodec.enc({
    ok: true,
    value: outcome.ok ? { ok: true, value: undefined } : { ok: false, error: outcome.error },
  });
}

export interface ExecutiveConfig {
  runtime: Runtime;
  system: ExecutiveSystem;
  version: () => RuntimeVersion;
  /** The runtime's signed extensions, in order. */
  extensions: TransactionExtensions;
  limits?: BlockLimits;
  validateUnsigned?: UnsignedValidator;
}

/** An extrinsic that passed decoding and every check: ready to dispatch. */
interface Checked extends CheckedCall {
  /** The signer's extensions' values and what each extension's check left for post-dispatch. */
  signed: { extra: unknown; pre: unknown[] } | undefined;
  validity: ValidTransaction;
}

export class Executive {
  readonly #runtime: Runtime;
  readonly #system: ExecutiveSystem;
  readonly #version: () => RuntimeVersion;
  readonly #validateUnsigned: UnsignedValidator;
  readonly #xtCodec: Codec<Extrinsic<unknown>>;
  readonly extensions: TransactionExtensions;
  readonly limits: BlockLimits;

  constructor(config: ExecutiveConfig) {
    this.#runtime = config.runtime;
    this.#system = config.system;
    this.#version = config.version;
    this.extensions = config.extensions;
    this.#xtCodec = extrinsicCodec(config.extensions.extra as Codec<unknown>);
    this.#validateUnsigned = config.validateUnsigned ?? (() => undefined);
    this.limits = config.limits ?? blockLimits();
  }

  /** Starts a block: System's bookkeeping, upgrade hooks if the code changed, then every pallet's on_initialize. */
  initializeBlock(header: Header): void {
    // Only the author's pre-runtime items come in: the runtime adds its own logs while it runs.
    const preRuntime = header.digest.filter((d) => d.tag === "PreRuntime");
    this.#system.initializeBlock(header.number, header.parentHash, preRuntime);
    let weight = this.limits.baseBlock;
    const version = this.#version();
    if (this.#system.takeRuntimeUpgraded(version.spec_name, version.spec_version)) {
      for (const p of this.#runtime.pallets) weight = addWeight(weight, p.hooks.onRuntimeUpgrade?.() ?? ZERO);
    }
    for (const p of this.#runtime.pallets) {
      weight = addWeight(weight, p.hooks.onInitialize?.(header.number) ?? ZERO);
    }
    const used = this.#system.blockWeight();
    this.#system.setBlockWeight({ ...used, Mandatory: addWeight(used.Mandatory, weight) });
  }

  /**
   * Applies one extrinsic to the block being built. A transaction that cannot be included returns
   * its validity error and changes nothing; an included one returns its dispatch outcome.
   */
  applyExtrinsic(encoded: Uint8Array): ApplyExtrinsicResult {
    const h = host();
    h.storageStartTransaction();
    let checked: Checked;
    try {
      checked = this.#check(encoded, "apply", "InBlock");
    } catch (e) {
      h.storageRollbackTransaction();
      if (e instanceof TransactionRejected) return { ok: false, error: e.error };
      throw e;
    }
    h.storageCommitTransaction();
    const index = this.#system.extrinsicIndex();
    this.#system.noteApplyExtrinsic(index);
    const origin = checked.who ? signed(checked.who) : NoneOrigin;
    const outcome = this.#runtime.dispatch(origin, checked.call);
    // A failing inherent makes the block invalid; the author leaves it out (FRAME's BadMandatory).
    if (!outcome.ok && checked.info.class === "Mandatory") {
      return { ok: false, error: { tag: "Invalid", value: { tag: "BadMandatory" } } };
    }
    const used = actualWeight(checked.info, outcome.post);
    this.#refundWeight(checked.info, used);
    const actual: DispatchInfo = { ...checked.info, weight: used, paysFee: outcome.post.paysFee };
    if (checked.signed) {
      const { extra, pre } = checked.signed;
      this.extensions.extensions.forEach((ext, i) => {
        ext.postDispatch?.(pre[i], checked, extraOf(ext, extra), actual, outcome);
      });
    }
    this.#system.noteDispatchOutcome(outcome, actual);
    this.#system.noteExtrinsic(index, encoded);
    this.#system.noteApplyExtrinsic(index + 1);
    return { ok: true, value: outcome };
  }

  /** Ends the block: every pallet's on_finalize, then the header (state root computed last). */
  finalizeBlock(): Header {
    this.#system.noteFinishedExtrinsics(this.#system.extrinsicIndex());
    const number = this.#system.blockNumber();
    this.#idle(number);
    for (const p of this.#runtime.pallets) p.hooks.onFinalize?.(number);
    const done = this.#system.finalizeBlock();
    return {
      parentHash: done.parentHash,
      number: done.number,
      stateRoot: host().storageRoot(1),
      extrinsicsRoot: done.extrinsicsRoot,
      digest: done.digest,
    };
  }

  /**
   * Executes a block for import. Every extrinsic must apply, and the resulting state and
   * extrinsics roots must equal the header's; otherwise the block is invalid (a panic: the host
   * discards every change).
   */
  executeBlock(block: Block): void {
    const { header } = block;
    // The seal is added after execution and is not part of what the runtime sees.
    const sealless = { ...header, digest: header.digest.filter((d) => d.tag !== "Seal") };
    this.initializeBlock(sealless);
    block.extrinsics.forEach((xt, i) => {
      const result = this.applyExtrinsic(xt);
      if (!result.ok) {
        throw new FrameError(
          "BLOCK_INVALID_EXTRINSIC",
          `extrinsic ${i} of block #${header.number} is invalid: ${result.error.tag}(${result.error.value.tag})`,
        );
      }
    });
    const produced = this.finalizeBlock();
    if (!bytesEqual(produced.extrinsicsRoot, header.extrinsicsRoot)) {
      throw new FrameError("BLOCK_BAD_EXTRINSICS_ROOT", `block #${header.number}: extrinsics root mismatch`);
    }
    const expected = Digest.enc(sealless.digest);
    if (!bytesEqual(Digest.enc(produced.digest), expected)) {
      throw new FrameError(
        "BLOCK_BAD_DIGEST",
        `block #${header.number}: digest differs from the one execution produced`,
      );
    }
    if (!bytesEqual(produced.stateRoot, header.stateRoot)) {
      throw new FrameError(
        "BLOCK_BAD_STATE_ROOT",
        `block #${header.number}: state root ${toHex(produced.stateRoot)} differs from the header's ${toHex(header.stateRoot)}`,
      );
    }
  }

  /**
   * Validates a transaction for the pool, on the state of the block it is checked against, as if
   * it were included in the next block. Nothing it does is kept (the host discards the call's state).
   */
  validateTransaction(
    source: TransactionSource,
    encoded: Uint8Array,
    parentHash: Uint8Array,
  ): ValidTransaction {
    const next = this.#system.blockNumber() + 1;
    this.#system.initializeBlock(next, parentHash, []);
    return this.#check(encoded, "validate", source).validity;
  }

  #check(encoded: Uint8Array, mode: "validate" | "apply", source: TransactionSource): Checked {
    let xt: Extrinsic<unknown>;
    let call: RuntimeCall;
    try {
      xt = this.#xtCodec.dec(encoded);
      call = this.#runtime.callCodec.dec(xt.call);
    } catch (e) {
      if (e instanceof DecodeError)
        throw invalid({ tag: "Call" }, `cannot decode the extrinsic: ${e.message}`);
      throw e;
    }
    const info = this.#runtime.info(call);
    const len = encoded.length;
    const ctx: ExtensionContext = {
      mode,
      system: this.#system,
      version: this.#version(),
      limits: this.limits,
      current: this.#system.blockNumber(),
    };
    const { extensions } = this.extensions;
    if (!xt.signed) {
      // Inherents come only from the block author, never through the pool.
      if (mode === "validate" && info.class === "Mandatory") throw invalid({ tag: "MandatoryValidation" });
      const unsigned = this.#validateUnsigned(call, info, source);
      // As FRAME's pre_dispatch, applying does not stop calls no validator claims (inherents):
      // only the pool needs a validator's word, and the call's own origin check still applies.
      if (!unsigned && mode === "validate") throw unknown({ tag: "NoUnsignedValidator" });
      const tx: CheckedCall = { who: undefined, call, info, len };
      for (const ext of extensions) ext.checkUnsigned?.(tx, ctx);
      return { ...tx, signed: undefined, validity: { ...DEFAULT_VALIDITY, ...unsigned, requires: [] } };
    }
    if (info.class === "Mandatory") throw invalid({ tag: "MandatoryValidation" });
    const { address, signature, extra } = xt.signed;
    if (address.tag !== "Id") throw unknown({ tag: "CannotLookup" });
    const who = address.value;
    const additional: Record<string, unknown> = {};
    for (const ext of extensions) {
      if (ext.additionalKey !== undefined)
        additional[ext.additionalKey] = ext.additional?.(extraOf(ext, extra), ctx);
    }
    checkSignature(who, signature, { call: xt.call, extra, additional }, this.extensions);
    const tx: CheckedCall = { who, call, info, len };
    let validity = DEFAULT_VALIDITY;
    const pre = extensions.map((ext) => {
      const out = ext.check?.(tx, extraOf(ext, extra), ctx);
      if (out?.validity) validity = combineValidity(validity, { ...DEFAULT_VALIDITY, ...out.validity });
      return out?.pre;
    });
    return { ...tx, signed: { extra, pre }, validity };
  }

  /**
   * FRAME's on_idle: pallets may use the weight the block left over, in order, each told what
   * remains; what they use is recorded as Mandatory.
   */
  #idle(number: number): void {
    const used = this.#system.blockWeight();
    let total = ZERO;
    for (const w of Object.values(used)) total = addWeight(total, w);
    const max = this.limits.maxBlock;
    let remaining: Weight = {
      refTime: max.refTime > total.refTime ? max.refTime - total.refTime : 0n,
      proofSize: max.proofSize > total.proofSize ? max.proofSize - total.proofSize : 0n,
    };
    let spent = ZERO;
    for (const p of this.#runtime.pallets) {
      const onIdle = p.hooks.onIdle;
      if (!onIdle || (remaining.refTime === 0n && remaining.proofSize === 0n)) continue;
      const w = minWeight(onIdle(number, remaining), remaining);
      spent = addWeight(spent, w);
      remaining = { refTime: remaining.refTime - w.refTime, proofSize: remaining.proofSize - w.proofSize };
    }
    if (spent.refTime > 0n || spent.proofSize > 0n) {
      this.#system.setBlockWeight({ ...used, Mandatory: addWeight(used.Mandatory, spent) });
    }
  }

  /** Gives back the weight a call declared but did not use. */
  #refundWeight(info: DispatchInfo, used: Weight): void {
    const unused = {
      refTime: info.weight.refTime - used.refTime,
      proofSize: info.weight.proofSize - used.proofSize,
    };
    if (unused.refTime === 0n && unused.proofSize === 0n) return;
    const current = this.#system.blockWeight();
    const cls = current[info.class];
    this.#system.setBlockWeight({
      ...current,
      [info.class]: {
        refTime: cls.refTime - minWeight(unused, cls).refTime,
        proofSize: cls.proofSize - minWeight(unused, cls).proofSize,
      },
    });
  }
}

const ZERO: Weight = { refTime: 0n, proofSize: 0n };
