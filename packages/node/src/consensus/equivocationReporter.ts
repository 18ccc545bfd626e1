/**
 * Reports equivocations on chain, as Substrate's BABE and GRANDPA do: at the best block, the
 * runtime makes a key ownership proof for the offender (`generate_key_ownership_proof`) and turns
 * proof and report into an unsigned extrinsic it hands to this node's pool as its own
 * (`submit_report_equivocation_unsigned_extrinsic`); the next block an author builds carries it.
 */
import { BabeApi, GrandpaApi, runtimeApiClient } from "@canary/frame";
import type { BabeEquivocationProof, GrandpaEquivocationProof } from "@canary/primitives";
import type { Chain } from "../chain/chain.ts";
import type { Logger } from "../service/logger.ts";
import { PoolError } from "../txpool/errors.ts";

export interface EquivocationReporterOptions {
  chain: Chain;
  /** Puts an extrinsic in the pool as the node's own (`Local`); throws the pool's refusal. */
  submit: (extrinsic: Uint8Array) => void;
  log: Logger;
}

export class EquivocationReporter {
  readonly #o: EquivocationReporterOptions;

  constructor(options: EquivocationReporterOptions) {
    this.#o = options;
  }

  /** Runtime API `decl` at the best block, on a host that can submit to the pool. */
  #api<D extends typeof BabeApi | typeof GrandpaApi>(decl: D) {
    const { chain, submit, log } = this.#o;
    const best = chain.best().hash;
    const submitTransaction = (extrinsic: Uint8Array) => {
      try {
        submit(extrinsic);
        return true;
      } catch (e) {
        // One report per offender and round (set, slot) is all the runtime takes: a second
        // equivocation there finds the first report's tag in the pool.
        const pending =
          e instanceof PoolError && (e.kind === "tooLowPriority" || e.kind === "alreadyImported");
        if (pending) log.debug(`equivocation already reported, its report is in the pool: ${e.message}`);
        else log.warn(`equivocation report refused by the pool: ${(e as Error).message}`);
        return false;
      }
    };
    return runtimeApiClient(decl, (entry, input) =>
      chain.callOn(chain.host(chain.stateAt(best), { submitTransaction }), entry, input),
    );
  }

  /** True when the report went into the pool. */
  babe(proof: BabeEquivocationProof): boolean {
    const api = this.#api(BabeApi);
    const owner = api.generate_key_ownership_proof(proof.slot, proof.offender);
    return this.#submitted("BABE", owner, () =>
      api.submit_report_equivocation_unsigned_extrinsic(proof, owner!),
    );
  }

  grandpa(proof: GrandpaEquivocationProof): boolean {
    const api = this.#api(GrandpaApi);
    const owner = api.generate_key_ownership_proof(proof.setId, proof.equivocation.value.identity);
    return this.#submitted("GRANDPA", owner, () =>
      api.submit_report_equivocation_unsigned_extrinsic(proof, owner!),
    );
  }

  #submitted(what: string, owner: Uint8Array | undefined, submit: () => boolean): boolean {
    if (!owner) {
      this.#o.log.warn(`${what} equivocation not reported: the offender holds no key of the current session`);
      return false;
    }
    const ok = submit();
    if (ok) this.#o.log.info(`🚨 ${what} equivocation reported on chain`);
    return ok;
  }
}
