import {
  AccountId32,
  type Codec,
  compactU128,
  Enum,
  lazy,
  Option,
  Result,
  Struct,
  type TypeDesc,
  u8,
  u32,
  u128,
  Vec,
} from "@canary/primitives";
import { describe, expect, it } from "vitest";
import { PRIMITIVES, TypeRegistry } from "./registry.ts";
import { runtimeCallDesc, runtimeCallRefDesc } from "./test/sampleModel.ts";

describe("TypeRegistry", () => {
  it("maps primitives to scale-info's primitive order", () => {
    expect(PRIMITIVES.indexOf("bool")).toBe(0);
    expect(PRIMITIVES.indexOf("u32")).toBe(5);
    expect(PRIMITIVES.indexOf("i8")).toBe(9);
    expect(PRIMITIVES.indexOf("i256")).toBe(14);
    const reg = new TypeRegistry();
    expect(reg.id(u32.desc)).toBe(0);
    expect(reg.types()[0]).toEqual({
      id: 0,
      path: [],
      params: [],
      def: { tag: "primitive", value: { tag: "u32", value: undefined } },
      docs: [],
    });
  });

  it("assigns ids in first-use order, children before parents", () => {
    const reg = new TypeRegistry();
    const id = reg.id(Struct({ a: u8, b: Vec(u32) }).desc);
    const types = reg.types();
    expect(types.map((t) => t.def.tag)).toEqual(["primitive", "primitive", "sequence", "composite"]);
    expect(id).toBe(3);
    expect(types[3]!.def).toEqual({
      tag: "composite",
      value: [
        { name: "a", type: 0, typeName: undefined, docs: [] },
        { name: "b", type: 2, typeName: undefined, docs: [] },
      ],
    });
  });

  it("deduplicates structurally identical descriptions", () => {
    const reg = new TypeRegistry();
    const a = reg.id(Struct({ x: u32, y: Vec(u8) }).desc);
    const b = reg.id(Struct({ x: u32, y: Vec(u8) }).desc);
    expect(a).toBe(b);
    expect(reg.id(Vec(u8).desc)).toBe(reg.id({ kind: "sequence", inner: { kind: "primitive", name: "u8" } }));
    // A different path, field name or docs is a different type.
    const c = reg.id({ ...Struct({ x: u32, y: Vec(u8) }).desc, path: ["a", "B"] });
    const d = reg.id(Struct({ z: u32, y: Vec(u8) }).desc);
    const e = reg.id({ ...Struct({ x: u32, y: Vec(u8) }).desc, docs: ["doc"] });
    expect(new Set([a, c, d, e]).size).toBe(4);
    const n = reg.types().length;
    reg.id(Struct({ x: u32, y: Vec(u8) }).desc);
    expect(reg.types().length).toBe(n);
  });

  it("resolves Option and Result params to ids", () => {
    const reg = new TypeRegistry();
    const opt = reg.id(Option(AccountId32).desc);
    const res = reg.id(Result(u32, u8).desc);
    const types = reg.types();
    const account = reg.id(AccountId32.desc);
    expect(types[opt]!.path).toEqual(["Option"]);
    expect(types[opt]!.params).toEqual([{ name: "T", type: account }]);
    expect(types[res]!.params).toEqual([
      { name: "T", type: reg.id(u32.desc) },
      { name: "E", type: reg.id(u8.desc) },
    ]);
    expect(types[account]!.path).toEqual(["sp_core", "crypto", "AccountId32"]);
    // A newtype over [u8; 32], as scale-info describes it and polkadot-api recognises it.
    const [field] = (types[account]!.def as { tag: "composite"; value: Array<{ type: number }> }).value;
    expect(types[field!.type]!.def).toEqual({ tag: "array", value: { len: 32, type: reg.id(u8.desc) } });
  });

  it("keeps params without a type, typeName and docs", () => {
    const reg = new TypeRegistry();
    const desc: TypeDesc = {
      kind: "variant",
      path: ["pallet_x", "pallet", "Call"],
      params: [{ name: "T" }],
      variants: [
        {
          name: "go",
          index: 7,
          fields: [{ name: "value", type: compactU128.desc, typeName: "T::Balance", docs: ["how much"] }],
          docs: ["Go."],
        },
        { name: "stop", index: 1, fields: [] },
      ],
    };
    const id = reg.id(desc);
    const all = reg.types();
    const call = all[id]!;
    expect(call.params).toEqual([{ name: "T", type: undefined }]);
    if (call.def.tag !== "variant") throw new Error("not a variant");
    // Variants come out in index order.
    expect(call.def.value.map((v) => [v.name, v.index])).toEqual([
      ["stop", 1],
      ["go", 7],
    ]);
    expect(call.def.value[1]).toEqual({
      name: "go",
      index: 7,
      docs: ["Go."],
      fields: [{ name: "value", type: reg.id(compactU128.desc), typeName: "T::Balance", docs: ["how much"] }],
    });
    expect(all[reg.id(compactU128.desc)]!.def).toEqual({ tag: "compact", value: reg.id(u128.desc) });
  });

  it("terminates on recursive types and gives the lazy reference the target's id", () => {
    const reg = new TypeRegistry();
    const call = reg.id(runtimeCallDesc);
    expect(reg.id(runtimeCallRefDesc)).toBe(call);
    const types = reg.types();
    expect(types[call]!.path).toEqual(["canary_runtime", "RuntimeCall"]);
    // Utility.batch holds Vec<RuntimeCall>: the sequence points back at the outer enum.
    const batchVec = types.find((t) => t.def.tag === "sequence" && t.def.value === call);
    expect(batchVec).toBeDefined();
    // Exactly one RuntimeCall type, and every slot is filled.
    expect(types.filter((t) => t.path.join("::") === "canary_runtime::RuntimeCall")).toHaveLength(1);
    types.forEach((t, i) => {
      expect(t.id).toBe(i);
    });
  });

  it("resolves a recursive type first met through its lazy reference", () => {
    const reg = new TypeRegistry();
    const viaLazy = reg.id(runtimeCallRefDesc);
    expect(reg.id(runtimeCallDesc)).toBe(viaLazy);
    expect(reg.types().filter((t) => t.path.join("::") === "canary_runtime::RuntimeCall")).toHaveLength(1);
  });

  it("handles a self-recursive tree type and lazy forward references", () => {
    // biome-ignore lint/suspicious/noExplicitAny: a recursive test type.
    const Tree: Codec<any> = Enum({
      Leaf: [0, u32],
      Node: [1, Vec(lazy(() => Tree))],
    });
    const reg = new TypeRegistry();
    const ref = lazy(() => Tree);
    const id = reg.id(ref.desc);
    expect(reg.id(Tree.desc)).toBe(id);
    const types = reg.types();
    expect(types.every((t) => t !== undefined)).toBe(true);
    const tree = types[id]!;
    if (tree.def.tag !== "variant") throw new Error("not a variant");
    const node = tree.def.value[1]!.fields[0]!.type;
    expect(types[node]!.def).toEqual({ tag: "sequence", value: id });

    // A lazy forward reference to a type already registered reuses its id, leaving no hole.
    const reg2 = new TypeRegistry();
    const s = reg2.id(Struct({ a: u32 }).desc);
    const fwd = reg2.id(lazy(() => Struct({ a: u32 })).desc);
    expect(fwd).toBe(s);
    expect(reg2.types()).toHaveLength(2);
  });

  it("is deterministic across registries", () => {
    const a = new TypeRegistry();
    const b = new TypeRegistry();
    a.id(runtimeCallDesc);
    b.id(runtimeCallDesc);
    expect(JSON.stringify(a.types())).toBe(JSON.stringify(b.types()));
  });
});
