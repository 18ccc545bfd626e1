/**
 * What a client sees when the node itself refuses a call it cannot serve (a pruned state, an
 * unknown block, a runtime call that failed): the Client error of the method's namespace with the
 * reason, as Substrate's servers answer, never -32603. Only a bug (an error without a code) and a
 * damaged database are left to the server, which answers -32603 (and the node stops on damage).
 */
import { CanaryError } from "@canary/primitives";
import { isDatabaseDamage } from "../../db/damage.ts";
import { RPC_CODES, RpcError } from "../errors.ts";
import type { Handler } from "../rpcServer.ts";

/** The Client error of `method`'s namespace for a coded failure `e`. */
export function clientError(method: string, e: CanaryError): RpcError {
  const ns = method.split("_")[0];
  const message = `Client error: ${e.message}`;
  switch (ns) {
    case "state":
    case "childstate":
      return new RpcError(RPC_CODES.stateCallFailed, message);
    case "chain":
      return new RpcError(RPC_CODES.chainClient, message);
    case "author":
      return new RpcError(RPC_CODES.authorOther, message);
    case "payment":
      return new RpcError(RPC_CODES.runtimeError, "Unable to query dispatch info.", e.message);
    default:
      return new RpcError(RPC_CODES.systemInternal, message);
  }
}

/** `handler`, with coded failures answered as {@link clientError}s. */
export function withClientErrors(method: string, handler: Handler): Handler {
  const map = (e: unknown): never => {
    // A damaged database is the node's failure, not the client's: the server answers it as an
    // internal error and the node stops (CanaryNode.fatalIfDamaged).
    if (e instanceof CanaryError && !(e instanceof RpcError) && !isDatabaseDamage(e))
      throw clientError(method, e);
    throw e;
  };
  return (params, ctx) => {
    try {
      const out = handler(params, ctx);
      return out instanceof Promise ? out.catch(map) : out;
    } catch (e) {
      return map(e);
    }
  };
}
