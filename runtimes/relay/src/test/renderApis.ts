/**
 * The V15 `apis` section of metadata, as polkadot-api decodes it, with every type id rendered as
 * the type it names (path, parameters, fields and variants), so the section can be compared with
 * a recorded one without depending on type ids, which shift whenever a pallet adds a type.
 */
import { metadata as papiMetadata } from "@polkadot-api/substrate-bindings";

type V15 = Extract<ReturnType<typeof papiMetadata.dec>["metadata"], { tag: "v15" }>["value"];
type LookupEntry = V15["lookup"][number];

export interface RenderedApi {
  name: string;
  docs: string[];
  methods: Array<{ name: string; inputs: Array<[string, string]>; output: string; docs: string[] }>;
}

export function renderV15Apis(encoded: Uint8Array): RenderedApi[] {
  const decoded = papiMetadata.dec(encoded).metadata;
  if (decoded.tag !== "v15") throw new Error(`expected V15 metadata, got ${decoded.tag}`);
  const { lookup, apis } = decoded.value;
  const byId = new Map(lookup.map((t) => [t.id, t]));
  const type = (id: number): LookupEntry => {
    const t = byId.get(id);
    if (!t) throw new Error(`type ${id} is not in the lookup`);
    return t;
  };
  // A type's parameters are named, not expanded: the extrinsic's `Call` is the whole runtime.
  const named = (id: number): string => {
    const t = type(id);
    if (t.path.length > 0) return t.path.join("::");
    return t.def.tag === "tuple" ? `(${t.def.value.map(named).join(", ")})` : render(id, []);
  };
  const render = (id: number, stack: number[]): string => {
    const t = type(id);
    const name = t.path.join("::");
    if (name && stack.includes(id)) return name;
    const params = t.params.length
      ? `<${t.params.map((p) => (p.type === undefined ? p.name : `${p.name}=${named(p.type)}`)).join(", ")}>`
      : "";
    const body = renderDef(t.def, [...stack, id]);
    return name ? `${name}${params} ${body}` : body;
  };
  const fields = (fs: ReadonlyArray<{ name?: string; type: number }>, stack: number[]) =>
    fs.map((f) => (f.name ? `${f.name}: ${render(f.type, stack)}` : render(f.type, stack))).join(", ");
  const renderDef = (def: LookupEntry["def"], stack: number[]): string => {
    switch (def.tag) {
      case "primitive":
        return def.value.tag;
      case "compact":
        return `Compact<${render(def.value, stack)}>`;
      case "sequence":
        return `Vec<${render(def.value, stack)}>`;
      case "array":
        return `[${render(def.value.type, stack)}; ${def.value.len}]`;
      case "tuple":
        return `(${def.value.map((t) => render(t, stack)).join(", ")})`;
      case "composite":
        return `{${fields(def.value, stack)}}`;
      case "variant":
        return def.value
          .map((v) => `${v.index}:${v.name}${v.fields.length ? `(${fields(v.fields, stack)})` : ""}`)
          .join(" | ");
      case "bitSequence":
        return `BitVec<${render(def.value.bitStoreType, stack)}, ${render(def.value.bitOrderType, stack)}>`;
    }
  };
  return apis.map((api) => ({
    name: api.name,
    docs: api.docs,
    methods: api.methods.map((m) => ({
      name: m.name,
      inputs: m.inputs.map((i): [string, string] => [i.name, render(i.type, [])]),
      output: render(m.output, []),
      docs: m.docs,
    })),
  }));
}
