/**
 * Typed runtime API clients on the chain (DESIGN.md §1): the node calls the runtime through
 * clients made from the declarations the runtime implements, never by entry-point strings.
 */
import { type ApiClient, type ApiDeclaration, runtimeApiClient } from "@canary/frame";
import type { NodeHost } from "../overlay/index.ts";
import type { Chain } from "./chain.ts";

/** `decl` at block `hash`: each call runs on a fresh state of that block and its writes are dropped. */
export function apiAt<D extends ApiDeclaration>(chain: Chain, hash: Uint8Array, decl: D): ApiClient<D> {
  return runtimeApiClient(decl, (entry, input) => chain.call(hash, entry, input));
}

/** `decl` on `host`: calls share its state, as building a block needs, with the code that state holds. */
export function apiOn<D extends ApiDeclaration>(chain: Chain, host: NodeHost, decl: D): ApiClient<D> {
  return runtimeApiClient(decl, (entry, input) => chain.callOn(host, entry, input));
}
