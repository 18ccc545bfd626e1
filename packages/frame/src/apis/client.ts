/**
 * The host's side of a runtime API: a client made from the declaration the runtime implements, so
 * entry names, argument encodings and result decodings cannot drift from the runtime's. The host
 * supplies `invoke` (run an entry point on some state with some code); the client encodes the
 * arguments, calls it and decodes the result.
 */
import { bytesEqual, DecodeError, EncodeError, Writer } from "@canary/primitives";
import { FrameError, type FrameErrorCode } from "../errors.ts";
import { type ApiDeclaration, type ApiFunctions, type ApiMethod, apiEntry, apiId } from "../runtimeApi.ts";
import type { RuntimeVersion } from "../runtimeVersion.ts";

/** Runs runtime entry point `entry` (e.g. `Core_version`) on SCALE input; returns its SCALE output. */
export type ApiInvoke = (entry: string, input: Uint8Array) => Uint8Array;

/** An API's methods as the host calls them: typed arguments in, the decoded result out. */
export type ApiClient<D extends ApiDeclaration> = ApiFunctions<D>;

/** `RUNTIME_API_BAD_ARGUMENT`: an argument the host passed does not encode as declared; `RUNTIME_API_BAD_OUTPUT`: the runtime's answer does not decode as declared. */
export type RuntimeApiErrorCode = Extract<
  FrameErrorCode,
  "RUNTIME_API_BAD_ARGUMENT" | "RUNTIME_API_BAD_OUTPUT"
>;

export class RuntimeApiError extends FrameError {
  declare readonly code: RuntimeApiErrorCode;
  /** The entry point called, e.g. `Core_version`. */
  readonly entry: string;

  constructor(code: RuntimeApiErrorCode, entry: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.entry = entry;
  }
}

export function runtimeApiClient<D extends ApiDeclaration>(decl: D, invoke: ApiInvoke): ApiClient<D> {
  const client: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, method] of Object.entries(decl.methods)) {
    const entry = apiEntry(decl, name);
    client[name] = (...args) =>
      decodeOutput(decl, entry, method, invoke(entry, encodeInput(entry, method, args)));
  }
  return client as ApiClient<D>;
}

function encodeInput(entry: string, method: ApiMethod, args: unknown[]): Uint8Array {
  const w = new Writer();
  method.inputs.forEach(([name, codec], i) => {
    try {
      codec.write(w, args[i]);
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
      throw new RuntimeApiError(
        "RUNTIME_API_BAD_ARGUMENT",
        entry,
        `${entry}: argument ${name} cannot be encoded: ${e.message}`,
        { cause: e },
      );
    }
  });
  return w.finish();
}

function decodeOutput(decl: ApiDeclaration, entry: string, method: ApiMethod, output: Uint8Array): unknown {
  try {
    return method.output.dec(output);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    throw new RuntimeApiError(
      "RUNTIME_API_BAD_OUTPUT",
      entry,
      `${entry} returned ${output.length} bytes that are not the result ${decl.name} v${decl.version} declares (${e.message}): the runtime's API differs from the one the node knows`,
      { cause: e },
    );
  }
}

/**
 * The version of `decl`'s API that a runtime lists in its `RuntimeVersion.apis`, or undefined if
 * it does not implement it: what a host checks before calling a method that a version added.
 */
export function implementedVersion(version: RuntimeVersion, decl: ApiDeclaration): number | undefined {
  const id = apiId(decl.name);
  return version.apis.find(([listed]) => bytesEqual(listed, id))?.[1];
}
