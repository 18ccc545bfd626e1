/**
 * Composes pallets into a runtime with fixed indices (as `construct_runtime!`): the outer
 * `RuntimeCall`, `RuntimeEvent` and `RuntimeError` enums, call lookup and transactional dispatch.
 */
import {
  CanaryError,
  type Codec,
  DecodeError,
  EncodeError,
  lazy,
  makeCodec,
  type TypeDesc,
  type VariantDesc,
} from "@canary/primitives";
import { host } from "./context.ts";
import { type DispatchError, DispatchFailure } from "./dispatchError.ts";
import type { PalletMetadata } from "./metadata/model.ts";
import type { Origin } from "./origin.ts";
import type { CallDecl, Pallet, PalletCall } from "./pallet.ts";
import type { DispatchInfo, PostDispatchInfo } from "./weights.ts";

/** A call to any pallet: `{ tag: palletName, value: { tag: callName, value: args } }`. */
export interface RuntimeCall {
  tag: string;
  value: PalletCall;
}

export type DispatchOutcome =
  | { ok: true; post: PostDispatchInfo }
  | { ok: false; error: DispatchError; post: PostDispatchInfo };

let currentCallCodec: Codec<RuntimeCall> | undefined;
let currentEventCodec: Codec<RuntimeCall> | undefined;

/**
 * The runtime's call type, for pallets whose calls hold calls (utility.batch, sudo.sudo). It is
 * one lazy codec, so metadata has one `RuntimeCall` type and nested decoding is depth-bounded.
 */
export const RuntimeCallCodec: Codec<RuntimeCall> = lazy(() => {
  if (!currentCallCodec) throw new CanaryError("FRAME_NO_RUNTIME", "no runtime has been composed yet");
  return currentCallCodec;
}, "RuntimeCall");

/** The runtime's event type (`RuntimeEvent`), for System's event records. */
export const RuntimeEventCodec: Codec<RuntimeCall> = lazy(() => {
  if (!currentEventCodec) throw new CanaryError("FRAME_NO_RUNTIME", "no runtime has been composed yet");
  return currentEventCodec;
}, "RuntimeEvent");

/** An outer enum whose variant for each pallet wraps that pallet's own enum (codec of pallet enums). */
function outerEnum(
  what: string,
  path: string[],
  entries: Array<{ name: string; index: number; inner: Codec<PalletCall> }>,
): Codec<RuntimeCall> {
  const byIndex = new Map(entries.map((e) => [e.index, e]));
  const byName = new Map(entries.map((e) => [e.name, e]));
  const variants: VariantDesc[] = entries.map((e) => ({
    name: e.name,
    index: e.index,
    fields: [{ type: e.inner.desc }],
  }));
  const desc: TypeDesc = { kind: "variant", path, variants };
  return makeCodec<RuntimeCall>(
    desc,
    2,
    (w, v) => {
      const entry = byName.get(v.tag);
      if (!entry) throw new EncodeError(what, `no pallet ${v.tag}`);
      w.byte(entry.index);
      entry.inner.write(w, v.value);
    },
    (r) => {
      const index = r.byte(what);
      const entry = byIndex.get(index);
      if (!entry) throw new DecodeError("unknown-variant", what, `no pallet with index ${index}`);
      return { tag: entry.name, value: entry.inner.read(r) };
    },
    what,
  );
}

export interface RuntimeSpec {
  /** The runtime crate name used in type paths, e.g. "canary_relay_runtime". */
  crate: string;
  pallets: ReadonlyArray<readonly [index: number, pallet: Pallet]>;
  /** Where encoded `RuntimeEvent`s go (System's event deposit). */
  depositEvent(event: Uint8Array): void;
}

export class Runtime {
  readonly crate: string;
  readonly pallets: ReadonlyArray<Pallet>;
  readonly callCodec: Codec<RuntimeCall> = RuntimeCallCodec;
  readonly eventCodec: Codec<RuntimeCall> = RuntimeEventCodec;
  readonly errorDesc: TypeDesc;
  readonly #byName = new Map<string, Pallet>();

  constructor(spec: RuntimeSpec) {
    this.crate = spec.crate;
    const seen = new Set<number>();
    for (const [index, pallet] of spec.pallets) {
      if (!Number.isInteger(index) || index < 0 || index > 255 || seen.has(index)) {
        throw new CanaryError(
          "FRAME_PALLET_INDEX",
          `pallet ${pallet.name}: index ${index} is invalid or taken`,
        );
      }
      seen.add(index);
      pallet.attach(index, spec.depositEvent);
      this.#byName.set(pallet.name, pallet);
    }
    this.pallets = spec.pallets.map(([, p]) => p);
    const withCodec = (pick: (p: Pallet) => Codec<PalletCall> | undefined) =>
      spec.pallets.flatMap(([index, p]) => {
        const inner = pick(p);
        return inner ? [{ name: p.name, index, inner }] : [];
      });
    currentCallCodec = outerEnum(
      "RuntimeCall",
      [spec.crate, "RuntimeCall"],
      withCodec((p) => p.callCodec),
    );
    currentEventCodec = outerEnum(
      "RuntimeEvent",
      [spec.crate, "RuntimeEvent"],
      withCodec((p) => p.eventCodec),
    );
    this.errorDesc = outerEnum(
      "RuntimeError",
      [spec.crate, "RuntimeError"],
      withCodec((p) => p.errorCodec),
    ).desc;
  }

  pallet(name: string): Pallet | undefined {
    return this.#byName.get(name);
  }

  #decl(call: RuntimeCall): CallDecl<unknown> {
    const decl = this.#byName.get(call.tag)?.spec.calls?.[call.value.tag];
    if (!decl) throw new CanaryError("FRAME_UNKNOWN_CALL", `no call ${call.tag}.${call.value.tag}`);
    return decl as CallDecl<unknown>;
  }

  /** Declared weight, class and fee payment of a call, before it runs. */
  info(call: RuntimeCall): DispatchInfo {
    const decl = this.#decl(call);
    const args = call.value.value;
    return { weight: decl.weight(args), class: decl.class(args), paysFee: decl.pays };
  }

  /**
   * Runs a call in its own storage transaction: a `DispatchFailure` rolls back exactly the
   * call's writes (nested calls included) and becomes the outcome; any other throw is a bug and
   * propagates after the rollback, so the block author sees a panic rather than a silent success.
   */
  dispatch(origin: Origin, call: RuntimeCall): DispatchOutcome {
    const decl = this.#decl(call);
    const h = host();
    h.storageStartTransaction();
    try {
      const post = decl.dispatch(origin, call.value.value) ?? { paysFee: decl.pays };
      h.storageCommitTransaction();
      return { ok: true, post };
    } catch (e) {
      h.storageRollbackTransaction();
      if (e instanceof DispatchFailure)
        return { ok: false, error: e.error, post: { paysFee: decl.pays, ...e.post } };
      throw e;
    }
  }

  metadataPallets(): PalletMetadata[] {
    return this.pallets.map((p) => p.metadata());
  }
}

export function composeRuntime(spec: RuntimeSpec): Runtime {
  return new Runtime(spec);
}
