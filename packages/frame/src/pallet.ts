/**
 * Pallet declarations: calls, events, errors, constants, hooks and genesis, each declared once.
 * From them come the pallet's call/event/error enums (codec and metadata type, with FRAME's type
 * paths), and, once the runtime gives the pallet its index, module errors and event deposits.
 */
import {
  CanaryError,
  type Codec,
  DecodeError,
  EncodeError,
  type FieldDesc,
  makeCodec,
  Struct,
  type StructValue,
  type TypeDesc,
  type VariantDesc,
} from "@canary/primitives";
import { DispatchFailure, moduleError } from "./dispatchError.ts";
import type { ConstantMetadata, PalletMetadata, StorageEntryMetadata } from "./metadata/model.ts";
import type { Origin } from "./origin.ts";
import type { DispatchClass, Pays, PostDispatchInfo, Weight } from "./weights.ts";

// biome-ignore lint/suspicious/noExplicitAny: codecs are invariant; shapes mix field types.
type Shape = Record<string, Codec<any>>;
// biome-ignore lint/suspicious/noExplicitAny: as Shape, for records of calls, events and constants.
type AnyDecl<D> = D extends "call" ? CallDecl<any> : D extends "event" ? EventDecl<any> : ConstantDecl<any>;
export type CallRecord = Record<string, AnyDecl<"call">>;
export type EventRecord = Record<string, AnyDecl<"event">>;

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
      throw new CanaryError("FRAME_DUPLICATE_INDEX", `${what}: index ${v.index} used twice`);
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

export interface PalletSpec<
  C extends CallRecord,
  E extends EventRecord,
  R extends Record<string, ErrorDecl>,
> {
  name: string;
  /** Storage accessors from `bindStorage(name, ...)`; each has `metadata()`. */
  storage?: Record<string, { metadata(): StorageEntryMetadata; pallet: string }>;
  calls?: C;
  events?: E;
  errors?: R;
  constants?: Record<string, AnyDecl<"constant">>;
  hooks?: Hooks;
  // biome-ignore lint/suspicious/noExplicitAny: each pallet has its own genesis config type.
  genesis?: GenesisDecl<any>;
  docs?: string[];
}

export class Pallet<
  C extends CallRecord = CallRecord,
  E extends EventRecord = EventRecord,
  R extends Record<string, ErrorDecl> = Record<string, ErrorDecl>,
> {
  readonly name: string;
  readonly spec: PalletSpec<C, E, R>;
  readonly callCodec: Codec<PalletCall> | undefined;
  readonly eventCodec: Codec<PalletCall> | undefined;
  readonly errorCodec: Codec<PalletCall> | undefined;
  #index: number | undefined;
  #deposit: ((event: Uint8Array) => void) | undefined;

  constructor(spec: PalletSpec<C, E, R>) {
    this.name = spec.name;
    this.spec = spec;
    for (const item of Object.values(spec.storage ?? {})) {
      if (item.pallet !== spec.name) {
        throw new CanaryError(
          "FRAME_STORAGE_PALLET",
          `${spec.name} declares storage bound to pallet ${item.pallet}`,
        );
      }
    }
    const crate = `pallet_${snakeCase(spec.name)}`;
    const entries = <T>(record: Record<string, T> | undefined) => Object.entries(record ?? {});
    this.callCodec = spec.calls
      ? flatEnum(
          `${spec.name} call`,
          [crate, "pallet", "Call"],
          entries(spec.calls as CallRecord).map(([name, c]) => ({
            name,
            index: c.index,
            fields: c.args as Codec<unknown>,
            docs: c.docs,
          })),
        )
      : undefined;
    this.eventCodec = spec.events
      ? flatEnum(
          `${spec.name} event`,
          [crate, "pallet", "Event"],
          entries(spec.events as EventRecord).map(([name, e]) => ({
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
          [crate, "pallet", "Error"],
          entries(spec.errors).map(([name, e]) => ({ name, index: e.index, docs: e.docs })),
        )
      : undefined;
  }

  /** The pallet's index in the runtime; set once when the runtime is composed. */
  get index(): number {
    if (this.#index === undefined) {
      throw new CanaryError("FRAME_PALLET_UNBOUND", `pallet ${this.name} is not part of a composed runtime`);
    }
    return this.#index;
  }

  /** Called by the runtime composition: the pallet's index and where its events go. */
  attach(index: number, deposit: (event: Uint8Array) => void): void {
    this.#index = index;
    this.#deposit = deposit;
  }

  /** Fails the current dispatch with this pallet's error `name`. */
  fail(name: keyof R & string): DispatchFailure {
    const decl = this.spec.errors?.[name];
    if (!decl) throw new CanaryError("FRAME_UNKNOWN_ERROR", `${this.name} declares no error ${name}`);
    return new DispatchFailure(moduleError(this.index, decl.index), `${this.name}.${name}`);
  }

  /** Deposits event `name` with its fields (encoded as RuntimeEvent: pallet index, variant, fields). */
  emit<N extends keyof E & string>(name: N, fields: E[N] extends EventDecl<infer F> ? F : never): void {
    if (!this.eventCodec || !this.#deposit) {
      throw new CanaryError(
        "FRAME_PALLET_UNBOUND",
        `pallet ${this.name} cannot emit events before it is attached`,
      );
    }
    const body = this.eventCodec.enc({ tag: name, value: fields });
    const encoded = new Uint8Array(body.length + 1);
    encoded[0] = this.index;
    encoded.set(body, 1);
    this.#deposit(encoded);
  }

  metadata(): PalletMetadata {
    const storage = Object.values(this.spec.storage ?? {});
    const constants: ConstantMetadata[] = Object.entries(this.spec.constants ?? {}).map(([name, c]) => ({
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
      ...(this.eventCodec ? { event: this.eventCodec.desc } : {}),
      ...(this.errorCodec ? { error: this.errorCodec.desc } : {}),
      constants,
      docs: this.spec.docs ?? [],
    };
  }
}

export function definePallet<
  C extends CallRecord,
  E extends EventRecord,
  R extends Record<string, ErrorDecl>,
>(spec: PalletSpec<C, E, R>): Pallet<C, E, R> {
  return new Pallet(spec);
}
