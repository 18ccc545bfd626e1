/**
 * A relay chain driven the way the node drives it, for acceptance tests and benchmarks: the
 * bundle from `:code` of each block's parent state, run by the executor through the runtime
 * APIs, on the node's host (overlay and trie) over an in-memory node store.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleRuntime, REPO_ROOT } from "@canary/bundler";
import { initCrypto } from "@canary/crypto";
import {
  type ApiClient,
  type ApiDeclaration,
  ApplyExtrinsicResultCodec,
  apiEntry,
  BlockBuilderApi,
  CoreApi,
  type InherentData,
  type RuntimeExports,
  runtimeApiClient,
} from "@canary/frame";
import {
  BlockState,
  buildGenesisInMemory,
  Executor,
  type Genesis,
  type GenesisSource,
  NodeHost,
  type VerifiedSignatures,
} from "@canary/node";
import {
  blockHash,
  type DigestItem,
  type Header,
  INHERENT_IDENTIFIERS,
  toHex,
  u64,
  WELL_KNOWN_KEYS,
} from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";

const RELAY_SRC = join(REPO_ROOT, "runtimes/relay/src/index.ts");
const FRAME_SRC = join(REPO_ROOT, "packages/frame/src/index.ts");

/** Bundles the relay runtime, optionally as another release (a higher spec version, another name). */
export async function relayBundle(overrides: { specVersion?: number; specName?: string } = {}) {
  if (Object.keys(overrides).length === 0)
    return bundleRuntime(join(REPO_ROOT, "runtimes/relay/src/main.ts"));
  const dir = mkdtempSync(join(tmpdir(), "canary-relay-"));
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    [
      `import { installRuntime } from ${JSON.stringify(FRAME_SRC)};`,
      `import { createRelayRuntime } from ${JSON.stringify(RELAY_SRC)};`,
      `installRuntime(createRelayRuntime(${JSON.stringify(overrides)}).exports);`,
    ].join("\n"),
  );
  return bundleRuntime(entry);
}

export interface HostOptions {
  /** Signatures checked ahead (e.g. in parallel): the host answers true for these without verifying. */
  verified?: VerifiedSignatures;
}

export class RelayChain {
  readonly executor = new Executor();
  /** Every state's trie nodes (content-addressed, so states share what they have in common). */
  readonly store = new MemoryNodeStore();
  readonly genesis: Genesis;
  readonly genesisHash: Uint8Array;
  head: Header;
  /** The best block's state root. */
  root: Uint8Array;
  hostOptions: HostOptions;
  /**
   * When set, calls run this runtime in-process instead of the bundle in `:code`: without the
   * bundle's storage buffer (@canary/frame storageCache.ts), for tests that compare the two.
   */
  inProcess: RuntimeExports | undefined;

  constructor(code: Uint8Array, source: string | GenesisSource = "development", options: HostOptions = {}) {
    this.hostOptions = options;
    const from = typeof source === "string" ? { preset: source } : source;
    this.genesis = buildGenesisInMemory(this.executor, code, from);
    const genesis = this.newHost();
    for (const [k, v] of this.genesis.storage) genesis.storageSet(k, v);
    this.root = this.#store(genesis);
    this.head = this.genesis.header;
    this.genesisHash = blockHash(this.head);
  }

  /** A host over the state at `root` (default: the empty state); its writes stay in its overlay. */
  newHost(root: Uint8Array = EMPTY_TRIE_ROOT): NodeHost {
    return new NodeHost(new BlockState({ store: this.store, root }), {
      verified: this.hostOptions.verified,
      runtimeVersion: (code) => {
        try {
          return this.executor.call(code, apiEntry(CoreApi, "version"), new Uint8Array(), this.newHost());
        } catch {
          return undefined;
        }
      },
    });
  }

  /** Writes a host's changes into the node store; returns the new root. */
  #store(host: NodeHost): Uint8Array {
    const commit = host.state.commit();
    this.store.apply(commit);
    return commit.root;
  }

  /** A host over the best state, for reads and for calls whose changes are dropped. */
  get state(): NodeHost {
    return this.newHost(this.root);
  }

  snapshot(): NodeHost {
    return this.state;
  }

  /** The code of the best state (what the next block executes with). */
  get code(): Uint8Array {
    const code = this.state.storageGet(WELL_KNOWN_KEYS.code);
    if (!code) throw new Error("no :code in state");
    return code;
  }

  /** Calls a runtime API on `host` (default: a throwaway host over the best state) with the code found there. */
  call(method: string, input: Uint8Array = new Uint8Array(), host: NodeHost = this.state): Uint8Array {
    const code = host.storageGet(WELL_KNOWN_KEYS.code);
    if (!code) throw new Error("no :code in state");
    return this.inProcess
      ? this.inProcess.call(method, input, host)
      : this.executor.call(code, method, input, host);
  }

  query(method: string, input: Uint8Array = new Uint8Array()): Uint8Array {
    return this.call(method, input);
  }

  /** A typed client of `decl` on `host` (default: a throwaway host over the best state). */
  api<D extends ApiDeclaration>(decl: D, host: NodeHost = this.state): ApiClient<D> {
    return runtimeApiClient(decl, (entry, input) => this.call(entry, input, host));
  }

  /**
   * Builds the next block as an author: initialize, the timestamp inherent, `xts` in order (each
   * apply result kept), finalize. The block's state becomes the best state.
   */
  buildBlock(xts: Uint8Array[], now = 6_000n * BigInt(this.head.number + 1), digest: DigestItem[] = []) {
    const host = this.state;
    const header: Header = {
      parentHash: blockHash(this.head),
      number: this.head.number + 1,
      stateRoot: new Uint8Array(32),
      extrinsicsRoot: new Uint8Array(32),
      digest,
    };
    const builder = this.api(BlockBuilderApi, host);
    this.api(CoreApi, host).initialize_block(header);
    const inherents = builder.inherent_extrinsics(inherentData(now));
    const results = [...inherents, ...xts].map((xt) =>
      ApplyExtrinsicResultCodec.enc(builder.apply_extrinsic(xt)),
    );
    const built = builder.finalize_block();
    const block = { header: built, extrinsics: [...inherents, ...xts] };
    this.root = this.#store(host);
    this.head = built;
    return { block, results: results.slice(inherents.length).map(toHex) };
  }

  /** Imports a block on the best state (`Core_execute_block`); it becomes the best on success. */
  importBlock(block: { header: Header; extrinsics: Uint8Array[] }): void {
    const host = this.state;
    this.api(CoreApi, host).execute_block(block);
    this.root = this.#store(host);
    this.head = block.header;
  }
}

/** `InherentData` with the author's clock (`timstap0`). */
export function inherentData(now: bigint): InherentData {
  return { data: [[INHERENT_IDENTIFIERS.timestamp, u64.enc(now)]] };
}

export async function ready(): Promise<void> {
  await initCrypto();
}
