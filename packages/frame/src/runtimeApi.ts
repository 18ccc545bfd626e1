/**
 * Runtime APIs (sp_api's `decl_runtime_apis!` + `impl_runtime_apis!`). An API is declared once
 * (`declareApi`: name, version, methods with their argument and result codecs) without code; the
 * runtime implements a declaration (`implementApi`, checked by the compiler against it) and the
 * host calls it through a client made from the same declaration (`runtimeApiClient`, apis/client.ts).
 * From the implemented declarations come the entry points the host calls (`Core_version`, ...),
 * the `apis` list of the runtime version (blake2_64 of the name) and the V15 metadata of the APIs.
 */
import { type Codec, DecodeError, encodeUtf8, pureHashBackend, Reader, Writer } from "@canary/primitives";
import { FrameError } from "./errors.ts";
import type { RuntimeApiMetadata } from "./metadata/model.ts";

// biome-ignore lint/suspicious/noExplicitAny: codecs are invariant; a method mixes argument types.
type AnyCodec = Codec<any>;

/** A method's arguments: (name, codec) in order, as they are concatenated on the wire. */
export type ApiInputs = ReadonlyArray<readonly [name: string, codec: AnyCodec]>;

/** The decoded argument values of `I`, as a tuple. */
export type ApiArgs<I extends ApiInputs> = {
  -readonly [K in keyof I]: I[K] extends readonly [string, Codec<infer T>] ? T : never;
};

export interface ApiMethod<I extends ApiInputs = ApiInputs, O = unknown> {
  readonly inputs: I;
  readonly output: Codec<O>;
  readonly docs: readonly string[];
}

/** Declares one method of an API: its arguments and its result, without an implementation. */
export function fn<const I extends ApiInputs, O>(
  inputs: I,
  output: Codec<O>,
  docs: readonly string[] = [],
): ApiMethod<I, O> {
  return { inputs, output, docs };
}

// biome-ignore lint/suspicious/noExplicitAny: a method table mixes methods of every signature.
export type ApiMethods = Record<string, ApiMethod<any, any>>;

export interface ApiDeclaration<M extends ApiMethods = ApiMethods> {
  /** The trait's name (`Core`): with a method's name it forms the entry point `Core_version`. */
  readonly name: string;
  readonly version: number;
  readonly methods: M;
  readonly docs: readonly string[];
}

/** Declares an API. Methods keep their order: it is the order of the V15 metadata. */
export function declareApi<const M extends ApiMethods>(
  name: string,
  version: number,
  methods: M,
  docs: readonly string[] = [],
): ApiDeclaration<M> {
  return { name, version, methods, docs };
}

/** What a method of `D` looks like to the host: decoded arguments in, the decoded result out. */
export type ApiFunctions<D extends ApiDeclaration> = {
  [K in keyof D["methods"]]: D["methods"][K] extends ApiMethod<infer I extends ApiInputs, infer O>
    ? (...args: ApiArgs<I>) => O
    : never;
};

/** What the runtime writes for each method of `D`; a method returning `()` may return nothing. */
export type ApiImplementation<D extends ApiDeclaration> = {
  [K in keyof D["methods"]]: D["methods"][K] extends ApiMethod<infer I extends ApiInputs, infer O>
    ? (...args: ApiArgs<I>) => [O] extends [undefined] ? void : O
    : never;
};

/** The entry point the host calls for `method` of `api`: `Core_version`. */
export function apiEntry<D extends ApiDeclaration>(api: D, method: keyof D["methods"] & string): string {
  return `${api.name}_${method}`;
}

/** A declaration with the runtime's code for each of its methods. */
export interface ImplementedApi {
  readonly decl: ApiDeclaration;
  // biome-ignore lint/suspicious/noExplicitAny: arguments are typed against the declaration by `implementApi`.
  readonly impls: Readonly<Record<string, (...args: any[]) => unknown>>;
}

/**
 * Implements `decl`: every method, with the declared argument and result types (a missing, extra
 * or wrongly typed method does not compile).
 */
export function implementApi<D extends ApiDeclaration>(decl: D, impls: ApiImplementation<D>): ImplementedApi {
  for (const name of Object.keys(decl.methods)) {
    if (typeof (impls as Record<string, unknown>)[name] !== "function")
      throw new FrameError("FRAME_MISSING_API_METHOD", `${apiEntry(decl, name)} has no implementation`);
  }
  return { decl, impls: impls as ImplementedApi["impls"] };
}

/**
 * The id a runtime version lists an API under: blake2_64 of its name. Computed in pure JS (a few
 * short names) since the host API offers no 8-byte blake2.
 */
export function apiId(name: string): Uint8Array {
  return pureHashBackend.blake2b(encodeUtf8(name), 8);
}

interface Entry {
  readonly method: ApiMethod;
  // biome-ignore lint/suspicious/noExplicitAny: see ImplementedApi.
  readonly impl: (...args: any[]) => unknown;
}

/** A runtime's set of API implementations, dispatched by the host's entry point `Api_method`. */
export class RuntimeApis {
  readonly apis: readonly ImplementedApi[];
  readonly #entries = new Map<string, Entry>();

  constructor(apis: readonly ImplementedApi[]) {
    this.apis = apis;
    for (const { decl, impls } of apis) {
      for (const [name, method] of Object.entries(decl.methods)) {
        const entry = apiEntry(decl, name);
        if (this.#entries.has(entry))
          throw new FrameError("FRAME_DUPLICATE_API", `${entry} is declared twice`);
        this.#entries.set(entry, { method, impl: impls[name]! });
      }
    }
  }

  /** Whether `entry` (e.g. `Core_version`) is implemented. */
  has(entry: string): boolean {
    return this.#entries.has(entry);
  }

  /**
   * Decodes the input (every byte must be used), runs the method and encodes its output. Unknown
   * methods and undecodable input throw: the host reports them as a runtime panic, as Substrate
   * does for a missing export or a failed `Decode`.
   */
  call(entry: string, input: Uint8Array): Uint8Array {
    const found = this.#entries.get(entry);
    if (!found) throw new FrameError("RUNTIME_UNKNOWN_API", `the runtime has no entry point ${entry}`);
    const { method, impl } = found;
    const reader = new Reader(input);
    let args: unknown[];
    try {
      args = method.inputs.map(([name, codec]) => {
        try {
          return codec.read(reader);
        } catch (e) {
          if (e instanceof DecodeError) throw new DecodeError(e.kind, `${entry} argument ${name}`, e.message);
          throw e;
        }
      });
      reader.end(entry);
    } catch (e) {
      if (e instanceof DecodeError) {
        throw new FrameError("RUNTIME_BAD_INPUT", `${entry}: cannot decode the input: ${e.message}`, {
          cause: e,
        });
      }
      throw e;
    }
    const writer = new Writer();
    method.output.write(writer, impl(...args));
    return writer.finish();
  }

  /** `RuntimeVersion.apis`: (id, version) per API, in declaration order. */
  versions(): Array<[Uint8Array, number]> {
    return this.apis.map(({ decl }) => [apiId(decl.name), decl.version]);
  }

  metadata(): RuntimeApiMetadata[] {
    return this.apis.map(({ decl }) => ({
      name: decl.name,
      methods: Object.entries(decl.methods).map(([name, m]) => ({
        name,
        inputs: m.inputs.map(([n, c]: ApiInputs[number]) => ({ name: n, type: c.desc })),
        output: m.output.desc,
        docs: [...m.docs],
      })),
      docs: [...decl.docs],
    }));
  }
}
