import { TaggedTransactionQueueApi } from "@canary/frame";
import { apiAt, type Chain } from "../chain/index.ts";
import { poolValidity, type Validate } from "./pool.ts";

/** The pool's check: the runtime's TaggedTransactionQueue at the best block, for a transaction from outside. */
export function validateOnChain(chain: Chain): Validate {
  return (bytes) => {
    const best = chain.best().hash;
    const queue = apiAt(chain, best, TaggedTransactionQueueApi);
    return poolValidity(queue.validate_transaction({ tag: "External" }, bytes, best));
  };
}
