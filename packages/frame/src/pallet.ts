/**
 * Pallet declarations: calls, events, errors, constants, hooks and genesis, each declared once.
 * A declaration holds no state: a runtime instantiates it (FRAME's `Pallet<T, I>`) with its
 * index, its configuration and an instance name, which sets the storage prefix and metadata name.
 * From the instance come its call/event/error enums (codec and metadata type, with FRAME's type
 * paths), module errors and event deposits.
 */
import {
  type Codec,
  DecodeError,
  EncodeError,
  type FieldDesc,
  makeCodec,
  newBytes,
  Struct,
  type StructValue,
  type TypeDesc,
  type VariantDesc,
} from "@canary/primitives";
import type { Dispatcher, RuntimeCall } from "./dispatch.ts";
import { DispatchFailure, moduleError } from "./dispatchError.ts";
import { FrameError } from "./errors.ts";
import type { ConstantMetadata, PalletMetadata, StorageEntryMetadata } from "./metadata/model.ts";
import type { Origin } from "./origin.ts";
import { type BoundStorage, bindStorage, type StorageDecl } from "./storage.ts";
import type { DispatchClass, Pays, PostDispatchInfo, Weight } from "./weights.ts";

// biome-ignore lint/suspicious/noExplicitAny: codecs are invariant; shapes mix field types.
type Shape = Record<string, Codec<any>>;
// biome-ignore lint/suspicious/noExplicitAny: as Shape, for records of calls, events and constants.
type AnyDecl<D> = D extends "call" ? CallDecl<any> : D extends "event" ? EventDecl<any> : ConstantDecl<any>;
export type CallRecord = Record<string, AnyDecl<"call">>;
export type EventRecord = Record<string, AnyDecl<"event">>;
export type ErrorRecord = Record<string, ErrorDecl>;
export type ConstantRecord = Record<string, AnyDecl<"constant">>;
export type StorageDecls = Record<string, StorageDecl<unknown>>;

export interface CallDecl<A> {
  readonly index: number;
  readonly args: Codec<A>;
  readonly weight: (args: A) => Weight;
  readonly class: (args: A) => DispatchClass;
  readonly pays: Pays;
  readonly docs: string[];
  readonly dispatch: (origin: Origin, args: A) => PostDispatchInfo | undefined;
}

/** Declares a call; `args` field names are Substrate's (snake_case) since they appear in metadata. */
export function call<S extends Shape>(spec: {
  index: number;
  args: S;
  weight: Weight | ((args: StructValue<S>) => Weight);
  /** A function when the class depends on the arguments (sudo of an Operational call). */
  class?: DispatchClass | ((args: StructValue<S>) => DispatchClass);
  pays?: Pays;
  docs?: string[];
  // biome-ignore lint/suspicious/noConfusingVoidType: a call that reports nothing returns void.
  dispatch: (origin: Origin, args: StructValue<S>) => PostDispatchInfo | undefined | void;
}): CallDecl<StructValue<S>> {
  const { weight } = spec;
  const cls = spec.class ?? "Normal";
  return {
    index: spec.index,
    args: Struct(spec.args, "call arguments"),
    weight: typeof weight === "function" ? weight : () => weight,
    class: typeof cls === "function" ? cls : () => cls,
    pays: spec.pays ?? "Yes",
    docs: spec.docs ?? [],
    dispatch: (origin, args) => spec.dispatch(origin, args) ?? undefined,
  };
}

export interface EventDecl<F> {
  readonly index: number;
  readonly fields: Codec<F>;
  readonly docs: string[];
}

export function event<S extends Shape>(
  index: number,
  fields: S,
  docs: string[] = [],
): EventDecl<StructValue<S>> {
  return { index, fields: Struct(fields, "event fields"), docs };
}

export interface ErrorDecl {
  readonly index: number;
  readonly docs: string[];
}

export interface ConstantDecl<T> {
  readonly type: Codec<T>;
  /** Read when metadata is built, so a constant can come from the runtime's configuration. */
  readonly value: () => T;
  readonly docs: string[];
}

export function constant<T>(type: Codec<T>, value: T | (() => T), docs: string[] = []): ConstantDecl<T> {
  return { type, value: typeof value === "function" ? (value as () => T) : () => value, docs };
}

export interface Hooks {
  onInitialize?(block: number): Weight;
  onFinalize?(block: number): void;
  onIdle?(block: number, remaining: Weight): Weight;
  onRuntimeUpgrade?(): Weight;
}

export interface GenesisDecl<C> {
  /** Reads the preset's JSON-like config for this pallet. */
  readonly build: (config: C) => void;
}

/** A value of one pallet's call enum. */
export interface PalletCall {
  tag: string;
  value: unknown;
}

/**
 * A variant codec whose variants carry struct fields flattened, as FRAME's `Call`, `Event` and
 * `Error` enums do: the bytes are the variant index followed by each field in order.
 */
function flatEnum(
  what: string,
  path: string[],
  variants: Array<{ name: string; index: number; fields?: Codec<unknown>; docs: string[] }>,
): Codec<PalletCall> {
  const byIndex = new Map<number, (typeof variants)[number]>();
  const byName = new Map<string, (typeof variants)[number]>();
  for (const v of variants) {
    if (byIndex.has(v.index))
      throw new FrameError("FRAME_DUPLICATE_INDEX", `${what}: index ${v.index} used twice`);
    byIndex.set(v.index, v);
    byName.set(v.name, v);
  }
  const descs: VariantDesc[] = variants.map((v) => ({
    name: v.name,
    index: v.index,
    fields: v.fields?.desc.kind === "composite" ? (v.fields.desc.fields as FieldDesc[]) : [],
    docs: v.docs,
  }));
  const desc: TypeDesc = { kind: "variant", variants: descs, path, params: [{ name: "T" }] };
  return makeCodec<PalletCall>(
    desc,
    1,
    (w, v) => {
      const variant = byName.get(v.tag);
      if (!variant) throw new EncodeError(what, `unknown variant ${v.tag}`);
      w.byte(variant.index);
      variant.fields?.write(w, v.value);
    },
    (r) => {
      const index = r.byte(what);
      const variant = byIndex.get(index);
      if (!variant) throw new DecodeError("unknown-variant", what, `no variant with index ${index}`);
      return { tag: variant.name, value: variant.fields?.read(r) };
    },
    what,
  );
}

/** Converts "TransactionPayment" to "transaction_payment" for FRAME's crate paths. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** What every pallet instance gets from the runtime composing it (FRAME's `T::RuntimeCall`, ...). */
export interface RuntimeContext extends Dispatcher {
  /** The runtime crate name used in type paths, e.g. "canary_relay_runtime". */
  readonly crate: string;
  /** The runtime's `RuntimeCall`; resolved when composition ends, so calls may hold calls. */
  readonly callCodec: Codec<RuntimeCall>;
  /** The runtime's `RuntimeEvent`, for System's event records. */
  readonly eventCodec: Codec<RuntimeCall>;
  /** Where encoded `RuntimeEvent`s go (System's deposit). */
  depositEvent(event: Uint8Array): void;
}

type EventFields<E extends EventRecord, N extends keyof E> = E[N] extends EventDecl<infer F> ? F : never;

/** A pallet instance as its own parts see it: its name, index, configuration and storage. */
export interface PalletSelf<
  Cfg,
  S,
  E extends EventRecord = EventRecord,
  R extends ErrorRecord = ErrorRecord,
> {
  /** The instance name: storage prefix and metadata name (the pallet's name unless instanced). */
  readonly name: string;
  readonly index: number;
  readonly config: Cfg;
  readonly storage: S;
  readonly runtime: RuntimeContext;
  /** Deposits event `name` (encoded as RuntimeEvent: pallet index, variant, fields). */
  emit<N extends keyof E & string>(name: N, fields: EventFields<E, N>): void;
  /** The failure of the current dispatch with this pallet's error `name`. */
  fail(name: keyof R & string): DispatchFailure;
}

/**
 * Storage of a pallet declared as items, or as a function of the runtime and the configuration
 * (items whose types name the runtime's, or depend on what the runtime configures).
 */
// biome-ignore lint/suspicious/noExplicitAny: any configuration.
export type StorageOf<D> = D extends (runtime: RuntimeContext, config: any) => infer T
  ? T extends StorageDecls
    ? BoundStorage<T>
    : never
  : D extends StorageDecls
    ? BoundStorage<D>
    : never;

/** What an instance builds from itself: its calls, hooks, genesis, constants and the API it offers. */
export interface PalletParts<A> {
  calls?: CallRecord;
  hooks?: Hooks;
  // biome-ignore lint/suspicious/noExplicitAny: each pallet has its own genesis config type.
  genesis?: GenesisDecl<any>;
  constants?: ConstantRecord;
  /** Functions other pallets and the runtime call (FRAME's traits implemented by the pallet). */
  api?: A;
}

// biome-ignore lint/suspicious/noExplicitAny: any self; the declaration keeps the precise one.
type AnySelf = PalletSelf<any, any, any, any>;

export interface PalletSpec<Self extends AnySelf, A> {
  name: string;
  /** FRAME's crate name for type paths; `pallet_<snake name>` by default. */
  crate?: string;
  storage?: StorageDecls | ((runtime: RuntimeContext, config: Self["config"]) => StorageDecls);
  events?: EventRecord;
  errors?: ErrorRecord;
  build?: (self: Self) => PalletParts<A>;
  docs?: string[];
}

/** A pallet declared once; `instantiate` is called by the runtime composition. */
export class PalletDecl<Self extends AnySelf = AnySelf, A = unknown> {
  readonly name: string;
  readonly crate: string;
  readonly spec: PalletSpec<Self, A>;
  readonly eventCodec: Codec<PalletCall> | undefined;
  readonly errorCodec: Codec<PalletCall> | undefined;

  constructor(spec: PalletSpec<Self, A>) {
    this.name = spec.name;
    this.spec = spec;
    this.crate = spec.crate ?? `pallet_${snakeCase(spec.name)}`;
    const entries = <T>(record: Record<string, T> | undefined) => Object.entries(record ?? {});
    this.eventCodec = spec.events
      ? flatEnum(
          `${spec.name} event`,
          [this.crate, "pallet", "Event"],
          entries(spec.events).map(([name, e]) => ({
            name,
            index: e.index,
            fields: e.fields as Codec<unknown>,
            docs: e.docs,
          })),
        )
      : undefined;
    this.errorCodec = spec.errors
      ? flatEnum(
          `${spec.name} error`,
          [this.crate, "pallet", "Error"],
          entries(spec.errors).map(([name, e]) => ({ name, index: e.index, docs: e.docs })),
        )
      : undefined;
  }

  /** A new instance at `index` in the runtime `runtime`, named `instance` (the pallet's name by default). */
  instantiate(
    runtime: RuntimeContext,
    index: number,
    config: Self["config"],
    instance: string = this.name,
  ): PalletInstance<Self, A> {
    return new PalletInstance(this, runtime, index, config, instance);
  }
}

/** Declares a pallet. Its parts receive the instance (`self`) rather than reading module state. */
export function definePallet<Self extends AnySelf, A = Record<string, never>>(
  spec: PalletSpec<Self, A>,
): PalletDecl<Self, A> {
  return new PalletDecl(spec);
}

/** One instance of a pallet in one runtime. */
export class PalletInstance<Self extends AnySelf = AnySelf, A = unknown> {
  readonly decl: PalletDecl<Self, A>;
  /** What the pallet's own parts receive. */
  readonly self: Self;
  readonly name: string;
  readonly index: number;
  readonly calls: CallRecord;
  readonly hooks: Hooks;
  // biome-ignore lint/suspicious/noExplicitAny: as PalletParts.
  readonly genesis: GenesisDecl<any> | undefined;
  readonly constants: ConstantRecord;
  readonly api: A;
  readonly callCodec: Codec<PalletCall> | undefined;
  readonly #storage: Record<string, { metadata(): StorageEntryMetadata }>;

  constructor(
    decl: PalletDecl<Self, A>,
    runtime: RuntimeContext,
    index: number,
    config: Self["config"],
    name: string,
  ) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new FrameError(
        "FRAME_BAD_INSTANCE_NAME",
        `pallet instance name ${JSON.stringify(name)} is invalid`,
      );
    }
    this.decl = decl;
    this.name = name;
    this.index = index;
    const { spec } = decl;
    const decls = typeof spec.storage === "function" ? spec.storage(runtime, config) : (spec.storage ?? {});
    const storage = bindStorage(name, decls);
    this.#storage = storage as Record<string, { metadata(): StorageEntryMetadata }>;
    const self: AnySelf = {
      name,
      index,
      config,
      storage,
      runtime,
      emit: (event, fields) => {
        if (!decl.eventCodec) throw new FrameError("FRAME_NO_EVENTS", `pallet ${name} declares no events`);
        const body = decl.eventCodec.enc({ tag: event, value: fields });
        const encoded = newBytes(body.length + 1);
        encoded[0] = index;
        encoded.set(body, 1);
        runtime.depositEvent(encoded);
      },
      fail: (error) => {
        const e = spec.errors?.[error];
        if (!e) throw new FrameError("FRAME_UNKNOWN_ERROR", `${name} declares no error ${error}`);
        return new DispatchFailure(moduleError(index, e.index), `${name}.${error}`);
      },
    };
    this.self = self as Self;
    const parts = spec.build?.(this.self) ?? {};
    this.calls = parts.calls ?? {};
    this.hooks = parts.hooks ?? {};
    this.genesis = parts.genesis;
    this.constants = parts.constants ?? {};
    this.api = parts.api ?? ({} as A);
    this.callCodec = parts.calls
      ? flatEnum(
          `${name} call`,
          [decl.crate, "pallet", "Call"],
          Object.entries(parts.calls).map(([callName, c]) => ({
            name: callName,
            index: c.index,
            fields: c.args as Codec<unknown>,
            docs: c.docs,
          })),
        )
      : undefined;
  }

  get storage(): Self["storage"] {
    return this.self.storage;
  }

  get config(): Self["config"] {
    return this.self.config;
  }

  /** The failure with this instance's error `name` (for pallets that raise another's errors, as FRAME's `Error::<T>`). */
  get fail(): Self["fail"] {
    return this.self.fail;
  }

  metadata(): PalletMetadata {
    const storage = Object.values(this.#storage);
    const constants: ConstantMetadata[] = Object.entries(this.constants).map(([name, c]) => ({
      name,
      type: c.type.desc,
      value: (c.type as Codec<unknown>).enc(c.value()),
      docs: c.docs,
    }));
    return {
      name: this.name,
      index: this.index,
      ...(storage.length > 0
        ? { storage: { prefix: this.name, entries: storage.map((s) => s.metadata()) } }
        : {}),
      ...(this.callCodec ? { calls: this.callCodec.desc } : {}),
      ...(this.decl.eventCodec ? { event: this.decl.eventCodec.desc } : {}),
      ...(this.decl.errorCodec ? { error: this.decl.errorCodec.desc } : {}),
      constants,
      docs: this.decl.spec.docs ?? [],
    };
  }
}
