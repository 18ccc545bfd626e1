/**
 * Runtime APIs (sp_api's `decl_runtime_apis!` + `impl_runtime_apis!`): each API is declared once
 * with its name, version, methods and their SCALE types; from that come the entry points the host
 * calls (`Core_version`, ...), the `apis` list of the runtime version (blake2_64 of the name) and
 * the V15 metadata of the APIs.
 */
import {
  CanaryError,
  type Codec,
  DecodeError,
  encodeUtf8,
  pureHashBackend,
  Reader,
  Writer,
} from "@canary/primitives";
import type { RuntimeApiMetadata } from "./metadata/model.ts";

// biome-ignore lint/suspicious/noExplicitAny: codecs are invariant; a method mixes argument types.
type AnyCodec = Codec<any>;
type Inputs = ReadonlyArray<readonly [name: string, codec: AnyCodec]>;
type Values<I extends Inputs> = {
  [K in keyof I]: I[K] extends readonly [string, Codec<infer T>] ? T : never;
};

export interface ApiMethodDecl {
  readonly inputs: Inputs;
  readonly output: AnyCodec;
  // biome-ignore lint/suspicious/noExplicitAny: arguments are typed at the declaration by `method`.
  readonly impl: (...args: any[]) => unknown;
  readonly docs: string[];
}

/** Declares one method; `impl` receives the decoded inputs in order and returns the output value. */
export function method<const I extends Inputs, O>(
  inputs: I,
  output: Codec<O>,
  impl: (...args: Values<I>) => O,
  docs: string[] = [],
): ApiMethodDecl {
  return { inputs, output, impl: impl as ApiMethodDecl["impl"], docs };
}

export interface ApiDecl {
  readonly name: string;
  readonly version: number;
  readonly methods: Record<string, ApiMethodDecl>;
  readonly docs: string[];
}

export function defineApi(
  name: string,
  version: number,
  methods: Record<string, ApiMethodDecl>,
  docs: string[] = [],
): ApiDecl {
  return { name, version, methods, docs };
}

/**
 * The id a runtime version lists an API under: blake2_64 of its name. Computed in pure JS (a few
 * short names) since the host API offers no 8-byte blake2.
 */
export function apiId(name: string): Uint8Array {
  return pureHashBackend.blake2b(encodeUtf8(name), 8);
}

/** A runtime's set of API implementations, dispatched by the host's method name `Api_method`. */
export class RuntimeApis {
  readonly apis: readonly ApiDecl[];
  readonly #entries = new Map<string, ApiMethodDecl>();

  constructor(apis: readonly ApiDecl[]) {
    this.apis = apis;
    for (const api of apis) {
      for (const [name, decl] of Object.entries(api.methods)) {
        const entry = `${api.name}_${name}`;
        if (this.#entries.has(entry))
          throw new CanaryError("FRAME_DUPLICATE_API", `${entry} is declared twice`);
        this.#entries.set(entry, decl);
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
    const decl = this.#entries.get(entry);
    if (!decl) throw new CanaryError("RUNTIME_UNKNOWN_API", `the runtime has no entry point ${entry}`);
    const reader = new Reader(input);
    let args: unknown[];
    try {
      args = decl.inputs.map(([name, codec]) => {
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
        throw new CanaryError("RUNTIME_BAD_INPUT", `${entry}: cannot decode the input: ${e.message}`, {
          cause: e,
        });
      }
      throw e;
    }
    const writer = new Writer();
    decl.output.write(writer, decl.impl(...args));
    return writer.finish();
  }

  /** `RuntimeVersion.apis`: (id, version) per API, in declaration order. */
  versions(): Array<[Uint8Array, number]> {
    return this.apis.map((api) => [apiId(api.name), api.version]);
  }

  metadata(): RuntimeApiMetadata[] {
    return this.apis.map((api) => ({
      name: api.name,
      methods: Object.entries(api.methods).map(([name, m]) => ({
        name,
        inputs: m.inputs.map(([n, c]) => ({ name: n, type: c.desc })),
        output: m.output.desc,
        docs: m.docs,
      })),
      docs: api.docs,
    }));
  }
}
