/**
 * The portable type registry of metadata (ecosystem.md §2): codec descriptions in, numbered types
 * out. Identical descriptions share one id; recursive types (through `lazy`) terminate.
 */
import type { FieldDesc, PrimitiveName, TypeDesc, VariantDesc } from "@canary/primitives";
import { FrameError } from "../errors.ts";

/** Primitive names in the order of scale-info's `TypeDefPrimitive` enum: the index is the tag. */
export const PRIMITIVES: readonly PrimitiveName[] = [
  "bool",
  "char",
  "str",
  "u8",
  "u16",
  "u32",
  "u64",
  "u128",
  "u256",
  "i8",
  "i16",
  "i32",
  "i64",
  "i128",
  "i256",
];

export interface PortableField {
  name: string | undefined;
  type: number;
  typeName: string | undefined;
  docs: string[];
}

export interface PortableVariant {
  name: string;
  fields: PortableField[];
  index: number;
  docs: string[];
}

/** Tags and shapes as substrate-bindings' lookup codec names them. */
export type PortableTypeDef =
  | { tag: "composite"; value: PortableField[] }
  | { tag: "variant"; value: PortableVariant[] }
  | { tag: "sequence"; value: number }
  | { tag: "array"; value: { len: number; type: number } }
  | { tag: "tuple"; value: number[] }
  | { tag: "primitive"; value: { tag: PrimitiveName; value: undefined } }
  | { tag: "compact"; value: number };

export interface PortableType {
  id: number;
  path: string[];
  params: Array<{ name: string; type: number | undefined }>;
  def: PortableTypeDef;
  docs: string[];
}

type Entry = Omit<PortableType, "id">;

export class TypeRegistry {
  /** Slot per id; a slot is empty only while a recursive type reserved for it is being built. */
  readonly #types: Array<PortableType | undefined> = [];
  /** Canonical entry (with child ids) → id: structural deduplication. */
  readonly #byKey = new Map<string, number>();
  /** Finished descriptions by object identity: skips re-walking shared descriptions. */
  readonly #byDesc = new Map<TypeDesc, number>();
  /** Lazy keys already resolved. */
  readonly #lazyDone = new Map<object, number>();
  /** Lazy keys being resolved; holds the id reserved once the type refers back to itself. */
  readonly #lazyPending = new Map<object, number | undefined>();

  /** The registry id of `desc`, registering it and everything it refers to on first use. */
  id(desc: TypeDesc): number {
    return this.#resolve(desc, undefined);
  }

  /** All types, in id order; each type's id is its position (clients index by position). */
  types(): PortableType[] {
    return this.#types.map((t, i) => {
      if (!t) throw new FrameError("METADATA_BAD_TYPE", `TypeRegistry: type ${i} is still being resolved`);
      return t;
    });
  }

  #resolve(desc: TypeDesc, lazyKey: object | undefined): number {
    if (desc.kind === "lazy") return this.#resolveLazy(desc);
    const known = this.#byDesc.get(desc);
    if (known !== undefined) return known;
    const entry = this.#entry(desc);
    const key = JSON.stringify(entry);
    // A recursive type was given an id when it first referred back to itself: keep that id.
    const reserved = lazyKey === undefined ? undefined : this.#lazyPending.get(lazyKey);
    let id = this.#byKey.get(key);
    if (reserved !== undefined) {
      id = reserved;
      this.#types[id] = { id, ...entry };
      if (!this.#byKey.has(key)) this.#byKey.set(key, id);
    } else if (id === undefined) {
      id = this.#types.length;
      this.#types.push({ id, ...entry });
      this.#byKey.set(key, id);
    }
    this.#byDesc.set(desc, id);
    return id;
  }

  #resolveLazy(desc: TypeDesc & { kind: "lazy" }): number {
    const done = this.#lazyDone.get(desc.key);
    if (done !== undefined) return done;
    if (this.#lazyPending.has(desc.key)) {
      // A back-reference: reserve the id now; the outer resolution fills the slot.
      let reserved = this.#lazyPending.get(desc.key);
      if (reserved === undefined) {
        reserved = this.#types.length;
        this.#types.push(undefined);
        this.#lazyPending.set(desc.key, reserved);
      }
      return reserved;
    }
    this.#lazyPending.set(desc.key, undefined);
    let id: number;
    try {
      const target = desc.get();
      id = target.kind === "lazy" ? this.#resolveLazy(target) : this.#resolve(target, desc.key);
      // A lazy that points at another lazy: a back-reference to this one must land on that id.
      const reserved = this.#lazyPending.get(desc.key);
      if (reserved !== undefined && reserved !== id)
        throw new FrameError(
          "METADATA_BAD_TYPE",
          "TypeRegistry: a lazy type that resolves to another lazy type refers back to itself",
        );
    } finally {
      this.#lazyPending.delete(desc.key);
    }
    this.#lazyDone.set(desc.key, id);
    return id;
  }

  #entry(desc: Exclude<TypeDesc, { kind: "lazy" }>): Entry {
    return {
      path: desc.path ?? [],
      params: (desc.params ?? []).map((p) => ({
        name: p.name,
        type: p.type === undefined ? undefined : this.id(p.type),
      })),
      def: this.#def(desc),
      docs: desc.docs ?? [],
    };
  }

  #def(desc: Exclude<TypeDesc, { kind: "lazy" }>): PortableTypeDef {
    switch (desc.kind) {
      case "primitive":
        if (!PRIMITIVES.includes(desc.name))
          throw new FrameError("METADATA_BAD_TYPE", `TypeRegistry: unknown primitive ${desc.name}`);
        return { tag: "primitive", value: { tag: desc.name, value: undefined } };
      case "compact":
        return { tag: "compact", value: this.id(desc.inner) };
      case "sequence":
        return { tag: "sequence", value: this.id(desc.inner) };
      case "array":
        return { tag: "array", value: { len: desc.len, type: this.id(desc.inner) } };
      case "tuple":
        return { tag: "tuple", value: desc.items.map((d) => this.id(d)) };
      case "composite":
        return { tag: "composite", value: desc.fields.map((f) => this.#field(f)) };
      case "variant":
        // Index order, as scale-info emits for Substrate's enums; decoders look variants up by index.
        return {
          tag: "variant",
          value: [...desc.variants].sort((a, b) => a.index - b.index).map((v) => this.#variant(v)),
        };
    }
  }

  #field(f: FieldDesc): PortableField {
    return { name: f.name, type: this.id(f.type), typeName: f.typeName, docs: f.docs ?? [] };
  }

  #variant(v: VariantDesc): PortableVariant {
    if (!Number.isInteger(v.index) || v.index < 0 || v.index > 255)
      throw new FrameError(
        "METADATA_BAD_TYPE",
        `TypeRegistry: variant ${v.name} has index ${v.index}, not a byte`,
      );
    return { name: v.name, fields: v.fields.map((f) => this.#field(f)), index: v.index, docs: v.docs ?? [] };
  }
}
