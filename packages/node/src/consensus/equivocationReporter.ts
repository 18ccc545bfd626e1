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

export interface EquivocationReporterOptions {
  chain: Chain;
  /** Puts an extrinsic in the pool as the node's own (`Local`); false when refused. */
  submit: (extrinsic: Uint8Array) => boolean;
  log: Logger;
}

export class EquivocationReporter {
  readonly #o: EquivocationReporterOptions;

  constructor(options: EquivocationReporterOptions) {
    this.#o = options;
  }

  /** Runtime API `decl` at the best block, on a host that can submit to the pool. */
  #api<D extends typeof BabeApi | typeof GrandpaApi>(decl: D) {
    const { chain, submit } = this.#o;
    const best = chain.best().hash;
    return runtimeApiClient(decl, (entry, input) =>
      chain.callOn(chain.host(chain.stateAt(best), { submitTransaction: submit }), entry, input),
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
    else this.#o.log.warn(`${what} equivocation report refused by the pool`);
    return ok;
  }
}
