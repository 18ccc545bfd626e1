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
  BlockState,
  buildGenesisInMemory,
  Executor,
  type Genesis,
  type GenesisSource,
  NodeHost,
  type VerifiedSignatures,
} from "@canary/node";
import {
  Block,
  Bytes,
  blockHash,
  encodeUtf8,
  FixedBytes,
  Header,
  OpaqueExtrinsic,
  Tuple,
  toHex,
  u64,
  Vec,
} from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";

const RELAY_SRC = join(REPO_ROOT, "runtimes/relay/src/index.ts");
const FRAME_SRC = join(REPO_ROOT, "packages/frame/src/index.ts");
const CODE_KEY = encodeUtf8(":code");

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
          return this.executor.call(code, "Core_version", new Uint8Array(), this.newHost());
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
    const code = this.state.storageGet(CODE_KEY);
    if (!code) throw new Error("no :code in state");
    return code;
  }

  /** Calls a runtime API on `host` (default: a throwaway host over the best state) with the code found there. */
  call(method: string, input: Uint8Array = new Uint8Array(), host: NodeHost = this.state): Uint8Array {
    const code = host.storageGet(CODE_KEY);
    if (!code) throw new Error("no :code in state");
    return this.executor.call(code, method, input, host);
  }

  query(method: string, input: Uint8Array = new Uint8Array()): Uint8Array {
    return this.call(method, input);
  }

  /**
   * Builds the next block as an author: initialize, the timestamp inherent, `xts` in order (each
   * apply result kept), finalize. The block's state becomes the best state.
   */
  buildBlock(xts: Uint8Array[], now = 6_000n * BigInt(this.head.number + 1)) {
    const host = this.state;
    const header: Header = {
      parentHash: blockHash(this.head),
      number: this.head.number + 1,
      stateRoot: new Uint8Array(32),
      extrinsicsRoot: new Uint8Array(32),
      digest: [],
    };
    this.call("Core_initialize_block", Header.enc(header), host);
    const inherents = Vec(OpaqueExtrinsic).dec(
      this.call("BlockBuilder_inherent_extrinsics", inherentData(now), host),
    );
    const results = [...inherents, ...xts].map((xt) => this.call("BlockBuilder_apply_extrinsic", xt, host));
    const built = Header.dec(this.call("BlockBuilder_finalize_block", new Uint8Array(), host));
    const block = { header: built, extrinsics: [...inherents, ...xts] };
    this.root = this.#store(host);
    this.head = built;
    return { block, results: results.slice(inherents.length).map(toHex) };
  }

  /** Imports a block on the best state (`Core_execute_block`); it becomes the best on success. */
  importBlock(block: { header: Header; extrinsics: Uint8Array[] }): void {
    const host = this.state;
    this.call("Core_execute_block", Block.enc(block), host);
    this.root = this.#store(host);
    this.head = block.header;
  }
}

/** `InherentData` with the author's clock (`timstap0`). */
export function inherentData(now: bigint): Uint8Array {
  return Vec(Tuple(FixedBytes(8), Bytes)).enc([[encodeUtf8("timstap0"), u64.enc(now)]]);
}

export async function ready(): Promise<void> {
  await initCrypto();
}
