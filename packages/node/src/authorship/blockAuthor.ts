/**
 * Builds and seals blocks on the best block (dev authorship, DESIGN.md §5): the runtime's
 * inherents first (the author's clock), then ready pool transactions by priority until the
 * runtime says the block is full, then the header is sealed with the author's key and the block
 * imported with the state its building produced (no second execution).
 */
import type { Keypair } from "@canary/crypto";
import { BlockBuilderApi, CoreApi } from "@canary/frame";
import { type Block, type Header, INHERENT_IDENTIFIERS, u64 } from "@canary/primitives";
import type { Chain, ImportedBlock } from "../chain/index.ts";
import { apiOn, preRuntimeDigest, sealHeader, slotClaim } from "../chain/index.ts";
import type { TransactionPool } from "../txpool/index.ts";
import { AuthorshipError } from "./errors.ts";
import { RoundRobinClaimer, type SlotClaim, type SlotClaimer } from "./slots.ts";

/** How many slots past the clock's the claim rule may take to give this node one. */
const MAX_SLOTS_AHEAD = 1n << 16n;

export interface AuthorOptions {
  chain: Chain;
  pool: TransactionPool;
  key: Keypair;
  /** The author's index in the authority set, and the set's size. */
  authorityIndex?: number;
  authorities?: number;
  /** The claim rule; by default authorities take turns (`RoundRobinClaimer`). */
  claimer?: SlotClaimer;
  slotDurationMs?: number;
  now?: () => number;
}

export interface AuthoredBlock {
  block: Block;
  imported: ImportedBlock;
  /** Pool transactions the runtime refused while building, with the reason. */
  rejected: number;
}

export class BlockAuthor {
  readonly #o: Required<Omit<AuthorOptions, "claimer">>;
  readonly #claimer: SlotClaimer;

  constructor(options: AuthorOptions) {
    this.#o = { authorityIndex: 0, authorities: 1, slotDurationMs: 6_000, now: Date.now, ...options };
    this.#claimer = options.claimer ?? new RoundRobinClaimer(this.#o.authorityIndex, this.#o.authorities);
  }

  get authorityIndex(): number {
    return this.#o.authorityIndex;
  }

  /**
   * The slot to claim: the clock's, unless the parent already used it (several blocks within one
   * slot, as instant seal makes them), then our next turn after the parent's.
   */
  #slot(clockSlot: bigint, parent: Header): SlotClaim {
    const parentSlot = parent.number === 0 ? 0n : (slotClaim(parent)?.slot ?? 0n);
    const first = clockSlot > parentSlot ? clockSlot : parentSlot + 1n;
    for (let slot = first; slot < first + MAX_SLOTS_AHEAD; slot++) {
      const claim = this.#claimer.claim(slot);
      if (claim) return claim;
    }
    throw new AuthorshipError(
      "AUTHOR_NO_SLOT",
      `no slot of ours within ${MAX_SLOTS_AHEAD} slots of ${first}`,
    );
  }

  author(): AuthoredBlock {
    const { chain, pool, key, slotDurationMs } = this.#o;
    const parent = chain.best();
    const parentHeader = chain.header(parent.hash)!;
    // The timestamp inherent must rise by the minimum period; a clock behind it is moved up by
    // the runtime's own `createInherent`.
    const now = BigInt(this.#o.now());
    const claim = this.#slot(now / BigInt(slotDurationMs), parentHeader);
    const state = chain.stateAt(parent.hash);
    const host = chain.host(state);
    const header: Header = {
      parentHash: parent.hash,
      number: parentHeader.number + 1,
      stateRoot: new Uint8Array(32),
      extrinsicsRoot: new Uint8Array(32),
      digest: [preRuntimeDigest(claim.authorityIndex, claim.slot)],
    };
    const builder = apiOn(chain, host, BlockBuilderApi);
    apiOn(chain, host, CoreApi).initialize_block(header);
    const inherents = builder.inherent_extrinsics({ data: [[INHERENT_IDENTIFIERS.timestamp, u64.enc(now)]] });
    const included: Uint8Array[] = [];
    for (const xt of inherents) {
      const result = builder.apply_extrinsic(xt);
      if (!result.ok || !result.value.ok)
        throw new AuthorshipError(
          "AUTHOR_INHERENT_REFUSED",
          `the runtime refused its own inherent: ${JSON.stringify(result)}`,
        );
      included.push(xt);
    }
    let rejected = 0;
    for (const tx of pool.ready()) {
      const result = builder.apply_extrinsic(tx.bytes);
      if (result.ok) {
        included.push(tx.bytes);
        continue;
      }
      const reason = `${result.error.tag}(${result.error.value.tag})`;
      // A full block ends the building; anything else is the transaction's fault.
      if (result.error.value.tag === "ExhaustsResources") break;
      if (result.error.value.tag === "Future") continue;
      pool.reject(tx.hash, reason);
      rejected++;
    }
    const built = builder.finalize_block();
    const block = { header: sealHeader(built, key), extrinsics: included };
    const imported = chain.importBlock(block, state);
    pool.blockImported(imported.hash, included);
    return { block, imported, rejected };
  }
}
