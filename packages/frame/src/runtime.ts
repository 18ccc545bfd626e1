/**
 * Composes pallet instances into a runtime with fixed indices (as `construct_runtime!`): the outer
 * `RuntimeCall`, `RuntimeEvent` and `RuntimeError` enums, call lookup and transactional dispatch.
 * Everything belongs to the runtime value: two runtimes composed in one process share nothing.
 */
import {
  type Codec,
  DecodeError,
  EncodeError,
  lazy,
  makeCodec,
  type TypeDesc,
  type VariantDesc,
} from "@canary/primitives";
import { host } from "./context.ts";
import type { DispatchOutcome, RuntimeCall } from "./dispatch.ts";
import { DispatchFailure, moduleError } from "./dispatchError.ts";
import { FrameError } from "./errors.ts";
import type { PalletMetadata } from "./metadata/model.ts";
import type { Origin } from "./origin.ts";
import type {
  CallDecl,
  PalletCall,
  PalletDecl,
  PalletInstance,
  PalletSelf,
  RuntimeContext,
} from "./pallet.ts";
import type { DispatchInfo } from "./weights.ts";

export type { DispatchOutcome, RuntimeCall } from "./dispatch.ts";

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

// biome-ignore lint/suspicious/noExplicitAny: any pallet's self.
type AnySelf = PalletSelf<any, any, any, any>;

/**
 * Builds a runtime: `add` instantiates each pallet at its index with its configuration (pallets
 * added later may take earlier instances in their configuration, as FRAME's associated types),
 * `build` ends the composition. Calls and events may name the runtime's own call type before it
 * is complete: the context's codecs are resolved lazily.
 */
export class RuntimeBuilder {
  readonly crate: string;
  readonly context: RuntimeContext;
  readonly #instances: PalletInstance[] = [];
  #runtime: Runtime | undefined;
  #depositEvent: ((event: Uint8Array) => void) | undefined;

  constructor(crate: string) {
    this.crate = crate;
    const built = (): Runtime => {
      if (!this.#runtime) {
        throw new FrameError(
          "FRAME_RUNTIME_UNBUILT",
          `runtime ${crate} is used before build() ended its composition`,
        );
      }
      return this.#runtime;
    };
    this.context = {
      crate,
      callCodec: lazy(() => built().callCodec, "RuntimeCall"),
      eventCodec: lazy(() => built().eventCodec, "RuntimeEvent"),
      dispatch: (origin, call) => built().dispatch(origin, call),
      info: (call) => built().info(call),
      depositEvent: (event) => {
        if (!this.#depositEvent) {
          throw new FrameError(
            "FRAME_NO_EVENT_SINK",
            `runtime ${crate} has no event sink: pass depositEvent to build()`,
          );
        }
        this.#depositEvent(event);
      },
    };
  }

  /** Instantiates `decl` at `index`; `instance` names a second (or further) instance of one pallet. */
  add<Self extends AnySelf, A>(
    index: number,
    decl: PalletDecl<Self, A>,
    config: Self["config"],
    instance?: string,
  ): PalletInstance<Self, A> {
    if (this.#runtime) throw new FrameError("FRAME_RUNTIME_BUILT", `runtime ${this.crate} is already built`);
    const name = instance ?? decl.name;
    if (
      !Number.isInteger(index) ||
      index < 0 ||
      index > 255 ||
      this.#instances.some((p) => p.index === index)
    ) {
      throw new FrameError("FRAME_PALLET_INDEX", `pallet ${name}: index ${index} is invalid or taken`);
    }
    if (this.#instances.some((p) => p.name === name)) {
      throw new FrameError(
        "FRAME_PALLET_NAME",
        `pallet name ${name} is taken: give the second instance its own name`,
      );
    }
    const pallet = decl.instantiate(this.context, index, config, name);
    this.#instances.push(pallet as unknown as PalletInstance);
    return pallet;
  }

  /** Ends the composition; events go to `depositEvent` (System's deposit). */
  build(options: {
    depositEvent: (event: Uint8Array) => void;
    /** FRAME's `BaseCallFilter`: whether `origin` may dispatch `call` (asked for every origin but Root). */
    callFilter?: (origin: Origin, call: RuntimeCall) => boolean;
  }): Runtime {
    this.#depositEvent = options.depositEvent;
    this.#runtime = new Runtime(this.crate, this.#instances, this.context, options.callFilter);
    return this.#runtime;
  }
}

export class Runtime {
  readonly crate: string;
  readonly pallets: ReadonlyArray<PalletInstance>;
  readonly context: RuntimeContext;
  readonly callCodec: Codec<RuntimeCall>;
  readonly eventCodec: Codec<RuntimeCall>;
  readonly errorDesc: TypeDesc;
  readonly #byName = new Map<string, PalletInstance>();
  readonly #callFilter: ((origin: Origin, call: RuntimeCall) => boolean) | undefined;

  constructor(
    crate: string,
    pallets: readonly PalletInstance[],
    context: RuntimeContext,
    callFilter?: (origin: Origin, call: RuntimeCall) => boolean,
  ) {
    this.crate = crate;
    this.#callFilter = callFilter;
    this.context = context;
    this.pallets = [...pallets];
    for (const p of this.pallets) this.#byName.set(p.name, p);
    const withCodec = (pick: (p: PalletInstance) => Codec<PalletCall> | undefined) =>
      this.pallets.flatMap((p) => {
        const inner = pick(p);
        return inner ? [{ name: p.name, index: p.index, inner }] : [];
      });
    this.callCodec = outerEnum(
      "RuntimeCall",
      [crate, "RuntimeCall"],
      withCodec((p) => p.callCodec),
    );
    this.eventCodec = outerEnum(
      "RuntimeEvent",
      [crate, "RuntimeEvent"],
      withCodec((p) => p.decl.eventCodec),
    );
    this.errorDesc = outerEnum(
      "RuntimeError",
      [crate, "RuntimeError"],
      withCodec((p) => p.decl.errorCodec),
    ).desc;
  }

  pallet(name: string): PalletInstance | undefined {
    return this.#byName.get(name);
  }

  #decl(call: RuntimeCall): CallDecl<unknown> {
    const decl = this.#byName.get(call.tag)?.calls[call.value.tag];
    if (!decl) throw new FrameError("FRAME_UNKNOWN_CALL", `no call ${call.tag}.${call.value.tag}`);
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
    if (origin.kind !== "Root" && this.#callFilter && !this.#callFilter(origin, call)) {
      // frame_system's `CallFiltered` (error 5 of System), as a filtered origin gets.
      const system = this.#byName.get("System");
      return {
        ok: false,
        error: system ? moduleError(system.index, 5) : { tag: "Other" },
        post: { paysFee: decl.pays },
      };
    }
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
