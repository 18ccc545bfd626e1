import { TaggedTransactionQueueApi } from "@canary/frame";
import { Bytes, CanaryError, decodeExtrinsic } from "@canary/primitives";
import { apiOn, type Chain } from "../chain/index.ts";
import type { VerifiedSignatures } from "../overlay/index.ts";
import { PoolError } from "./errors.ts";
import { poolValidity, type Validate } from "./pool.ts";

export interface ValidateOnChainOptions {
  /**
   * Signatures verified ahead (worker threads) for the transactions being validated now, such as
   * a batch from a peer; the runtime verifies any it does not hold.
   */
  verified?: () => VerifiedSignatures | undefined;
}

/**
 * The pool's check: the runtime's TaggedTransactionQueue at the best block, for a transaction from
 * outside (or, `Local`, the node's own). Bytes that are not an extrinsic are refused before the runtime sees them (1001, as
 * Substrate's author API refuses what does not decode); a runtime that fails to answer is a
 * verification error (1002). Neither is a fault of the node.
 */
export function validateOnChain(chain: Chain, options: ValidateOnChainOptions = {}): Validate {
  return (bytes, source = "External") => {
    try {
      if (Bytes.enc(Bytes.dec(bytes)).length !== bytes.length)
        throw new Error("trailing bytes after the extrinsic");
      decodeExtrinsic(bytes);
    } catch (e) {
      throw new PoolError("badFormat", (e as Error).message, { cause: e });
    }
    const best = chain.best().hash;
    const verified = options.verified?.();
    try {
      const host = chain.host(chain.stateAt(best), verified ? { verified } : {});
      const queue = apiOn(chain, host, TaggedTransactionQueueApi);
      return poolValidity(queue.validate_transaction({ tag: source }, bytes, best));
    } catch (e) {
      if (!(e instanceof CanaryError)) throw e;
      throw new PoolError("verification", `Runtime error: ${e.message}`, { cause: e });
    }
  };
}
