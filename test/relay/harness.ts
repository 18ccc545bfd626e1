/**
 * A relay chain driven the way the node drives it, for acceptance tests and benchmarks: the
 * bundle from `:code` of each block's parent state, run by the executor through the runtime
 * APIs, over an in-memory state (`MemoryHost`), with real signature checks.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ed25519Verify, initCrypto, sr25519Verify } from "@canary/crypto";
import type { HostApi } from "@canary/frame";
import { MemoryHost } from "@canary/frame/testing";
import { buildGenesis, Executor, type Genesis } from "@canary/node";
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
import { bundleRuntime, REPO_ROOT } from "../../scripts/bundleRuntime.ts";

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
  preverified?: Set<string>;
}

export class RelayChain {
  readonly executor = new Executor();
  readonly genesis: Genesis;
  readonly genesisHash: Uint8Array;
  /** The state after the last block (the best block's). */
  state: MemoryHost;
  head: Header;
  readonly hostOptions: HostOptions;

  constructor(code: Uint8Array, preset = "development", options: HostOptions = {}) {
    this.hostOptions = options;
    this.genesis = buildGenesis(this.executor, code, { preset }, () => {
      const host = this.newHost([]);
      return { host, entries: () => [...host.state.values()] };
    });
    this.state = this.newHost(this.genesis.storage);
    this.head = this.genesis.header;
    this.genesisHash = blockHash(this.head);
  }

  newHost(entries: Iterable<readonly [Uint8Array, Uint8Array]>): MemoryHost {
    const preverified = this.hostOptions.preverified;
    return new MemoryHost(entries, {
      sr25519Verify: (sig, msg, pub) =>
        preverified?.has(signatureKey(sig, msg, pub)) === true || sr25519Verify(sig, msg, pub),
      ed25519Verify: (sig, msg, pub) => ed25519Verify(sig, msg, pub),
      runtimeVersion: (code) => {
        try {
          return this.executor.call(code, "Core_version", new Uint8Array(), this.newHost([]));
        } catch {
          return undefined;
        }
      },
    });
  }

  /** The code of the current state (what the next block executes with). */
  get code(): Uint8Array {
    const code = this.state.storageGet(CODE_KEY);
    if (!code) throw new Error("no :code in state");
    return code;
  }

  /** Calls a runtime API on `host` (default: the best state) with the code found there. */
  call(method: string, input: Uint8Array = new Uint8Array(), host: HostApi = this.state): Uint8Array {
    const code = host.storageGet(CODE_KEY);
    if (!code) throw new Error("no :code in state");
    return this.executor.call(code, method, input, host);
  }

  /** A copy of the best state, for calls whose changes must be dropped (queries, validation). */
  snapshot(): MemoryHost {
    return this.newHost(this.state.state.values());
  }

  /** Queries on a throwaway copy of the best state. */
  query(method: string, input: Uint8Array = new Uint8Array()): Uint8Array {
    return this.call(method, input, this.snapshot());
  }

  /**
   * Builds the next block as an author: initialize, the timestamp inherent, `xts` in order (each
   * apply result kept), finalize. The block's state becomes the best state.
   */
  buildBlock(xts: Uint8Array[], now = 6_000n * BigInt(this.head.number + 1)) {
    const host = this.snapshot();
    const parentHash = blockHash(this.head);
    const header: Header = {
      parentHash,
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
    this.state = host;
    this.head = built;
    return { block, results: results.slice(inherents.length).map(toHex) };
  }

  /** Imports a block on a copy of the best state (`Core_execute_block`); it becomes the best on success. */
  importBlock(block: { header: Header; extrinsics: Uint8Array[] }): void {
    const host = this.snapshot();
    this.call("Core_execute_block", Block.enc(block), host);
    this.state = host;
    this.head = block.header;
  }
}

/** `InherentData` with the author's clock (`timstap0`). */
export function inherentData(now: bigint): Uint8Array {
  return Vec(Tuple(FixedBytes(8), Bytes)).enc([[encodeUtf8("timstap0"), u64.enc(now)]]);
}

export function signatureKey(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): string {
  return `${toHex(sig)}${toHex(msg)}${toHex(pub)}`;
}

export async function ready(): Promise<void> {
  await initCrypto();
}
