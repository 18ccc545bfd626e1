/**
 * The node's composition root: database, executor, chain, pool and authorship wired together for
 * one chain under one base path, started and stopped as a unit.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEV_ACCOUNT_NAMES,
  type DevAccountName,
  devAccounts,
  devKeypair,
  initCrypto,
  type Keypair,
  type SharedVerdicts,
  SharedVerifier,
} from "@canary/crypto";
import { CoreApi, runtimeApiClient } from "@canary/frame";
import { blockHash, bytesEqual, decodeUtf8, encodeUtf8, toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { EMPTY_TRIE_ROOT, MemoryNodeStore } from "@canary/trie";
import { AuthorshipWorker, BlockAuthor } from "../authorship/index.ts";
import { apiAt, Chain, ImportQueue, verifyDatabase } from "../chain/index.ts";
import {
  BabeClaimer,
  BabeEquivocations,
  BabeVerifier,
  chainSlotDuration,
  EpochResolver,
  MAX_FUTURE_SLOTS,
} from "../consensus/babe/index.ts";
import { EquivocationReporter } from "../consensus/equivocationReporter.ts";
import { GrandpaVoter } from "../consensus/grandpa/index.ts";
import { damageMessage, isDatabaseDamage } from "../db/damage.ts";
import { type Database, openDatabase, recordFor, writeRecord } from "../db/index.ts";
import { Executor } from "../executor/index.ts";
import {
  buildGenesisInMemory,
  type Genesis,
  type GenesisSource,
  genesisFromStorage,
  genesisPresetConfig,
} from "../genesis/index.ts";
import { Network } from "../network/index.ts";
import { BlockState, NodeHost } from "../overlay/index.ts";
import {
  type RpcLimits,
  RpcServer,
  registerGrandpa,
  registerLegacy,
  registerRpcSpec,
  registerSubstrateExtras,
} from "../rpc/index.ts";
import { PoolError, TransactionPool, validateOnChain } from "../txpool/index.ts";
import {
  type ChainSpec,
  type ChainSpecOptions,
  type GenesisSpec,
  keepNumbers,
  loadChainSpec,
} from "./chainSpec.ts";
import { ServiceError } from "./errors.ts";
import { collectGarbage } from "./gc.ts";
import {
  GENESIS_HEADER_FILE,
  genesisFingerprint,
  lazyGenesis,
  rememberedGenesisHeader,
  rememberGenesisHeader,
} from "./genesisCache.ts";
import { Keystore } from "./keystore.ts";
import { LockFile } from "./lockFile.ts";
import { createLogger, type Logger, shortHash } from "./logger.ts";
import { NodeMetrics } from "./metrics.ts";
import { loadNodeKey } from "./nodeKey.ts";
import { fileSystemError, listenError } from "./operatorErrors.ts";
import { chainPaths } from "./paths.ts";
import { relayRuntimeCode } from "./runtimeCode.ts";

export interface NodeConfig {
  chain: string;
  /** Where the chain's data lives; undefined with `tmp`. */
  basePath?: string;
  /** A fresh temporary base path, deleted at shutdown. */
  tmp?: boolean;
  name?: string;
  /** Author blocks (the dev authority's key is used). */
  validator?: boolean;
  /**
   * The slot length in ms of a built-in chain (`--dev`, `--chain local`), written into its
   * genesis; a chain spec file sets its own, and a different value here is refused.
   */
  blockTimeMs?: number;
  /** Author a block as soon as a transaction arrives instead of on the interval. */
  instantSeal?: boolean;
  /** The node's ed25519 network secret (`--node-key`); otherwise `network/secret_ed25519`. */
  nodeKey?: Uint8Array;
  /** A well-known dev key (`--alice`, …) to put in the keystore and author with. */
  devKey?: DevAccountName;
  /** Finalize each block a moment after it is authored instead of by GRANDPA (default: with instant seal). */
  finalizeImmediately?: boolean;
  /**
   * How long after authoring a block is finalized. Clients look a block up when they hear it is
   * in a block (polkadot.js fetches its events), and drop that lookup when finality arrives in
   * the same instant, so dev finality comes a moment later, as GRANDPA's would.
   */
  finalityDelayMs?: number;
  /** Status line interval in milliseconds. */
  statusIntervalMs?: number;
  /** Interface for JSON-RPC and metrics: 127.0.0.1 (default), or 0.0.0.0 with `--rpc-external`. */
  rpcHost?: string;
  prometheusHost?: string;
  /** JSON-RPC port (WebSocket and HTTP); 0 picks a free one. */
  rpcPort?: number;
  rpcMethods?: "safe" | "unsafe" | "auto";
  rpcCors?: "all" | string[];
  /** JSON-RPC resource limits (rpc/limits.ts); unset ones take their defaults. */
  rpcLimits?: Partial<RpcLimits>;
  /** Finalized states kept (default 256), or "archive" to keep all. */
  statePruning?: number | "archive";
  /** Multiaddrs to listen on for peers (default: a free port on 127.0.0.1; the CLI: 30333 everywhere). */
  listenAddrs?: string[];
  /** Peers to dial, besides the chain spec's boot nodes. */
  bootnodes?: string[];
  /** Peers to keep connected, outside the peer limits (`--reserved-nodes`). */
  reservedNodes?: string[];
  /** Connect to reserved nodes only (`--reserved-only`). */
  reservedOnly?: boolean;
  /** Inbound and outbound peer limits (default 32 and 8). */
  inPeers?: number;
  outPeers?: number;
  /** Look for peers with Kademlia (default true). */
  discovery?: boolean;
  /** Prometheus `/metrics` port; 0 picks a free one, null turns metrics off. */
  prometheusPort?: number | null;
  logger?: Logger;
  /**
   * Called once the node has stopped because it found its database damaged while running (it
   * logs why and what to do first). The command exits with code 1.
   */
  onFatal?: (error: unknown) => void;
}

export const NODE_VERSION = "0.1.0";

const BABE_KEY_TYPE = encodeUtf8("babe");
const GRANDPA_KEY_TYPE = encodeUtf8("gran");

export class CanaryNode {
  readonly config: Required<
    Omit<NodeConfig, "basePath" | "logger" | "devKey" | "nodeKey" | "onFatal" | "blockTimeMs">
  > & {
    basePath: string;
  };
  /** The chain's slot length in ms (BabeApi_configuration). */
  readonly slotDurationMs: number;
  readonly spec: ChainSpec;
  readonly log: Logger;
  readonly db: Database;
  readonly chain: Chain;
  readonly pool: TransactionPool;
  readonly author: BlockAuthor | undefined;
  readonly rpc: RpcServer;
  readonly network: Network;
  /** GRANDPA (absent with instant seal, where a timer finalizes). */
  readonly voter: GrandpaVoter | undefined;
  readonly metrics = new NodeMetrics();
  /** The port the JSON-RPC server listens on. */
  rpcPort = 0;
  /** The port of `/metrics`, when served. */
  prometheusPort: number | undefined;
  readonly #lock: LockFile;
  readonly #worker: AuthorshipWorker | undefined;
  readonly #imports: ImportQueue;
  readonly #closeWorkers: () => Promise<void>;
  readonly #timers: NodeJS.Timeout[] = [];
  #stopped = false;
  #onFatal: ((error: unknown) => void) | undefined;
  /** Why the node stopped on its own (a damaged database), once it has. */
  failure: unknown;
  #traffic = { in: 0, out: 0 };
  #statusBest = 0;

  private constructor(
    config: CanaryNode["config"],
    spec: ChainSpec,
    log: Logger,
    parts: {
      db: Database;
      chain: Chain;
      pool: TransactionPool;
      author: BlockAuthor | undefined;
      worker: AuthorshipWorker | undefined;
      lock: LockFile;
      rpc: RpcServer;
      network: Network;
      voter: GrandpaVoter | undefined;
      slotDurationMs: number;
      imports: ImportQueue;
      closeWorkers: () => Promise<void>;
    },
  ) {
    this.config = config;
    this.slotDurationMs = parts.slotDurationMs;
    this.spec = spec;
    this.log = log;
    this.db = parts.db;
    this.chain = parts.chain;
    this.pool = parts.pool;
    this.author = parts.author;
    this.#worker = parts.worker;
    this.rpc = parts.rpc;
    this.network = parts.network;
    this.#lock = parts.lock;
    this.voter = parts.voter;
    this.#imports = parts.imports;
    this.#closeWorkers = parts.closeWorkers;
  }

  static async start(input: NodeConfig): Promise<CanaryNode> {
    await initCrypto();
    const spec = loadChainSpec(
      input.chain,
      input.blockTimeMs === undefined ? {} : { slotDurationMs: input.blockTimeMs },
    );
    const log = input.logger ?? createLogger();
    if (!input.tmp && !input.basePath)
      throw new ServiceError("NODE_NO_BASE_PATH", "a base path is needed: pass --base-path or --tmp");
    const basePath = input.tmp ? mkdtempSync(join(tmpdir(), "canary-")) : (input.basePath as string);
    const config = {
      chain: input.chain,
      basePath,
      tmp: input.tmp ?? false,
      name: input.name ?? input.devKey ?? "canary-node",
      validator: input.validator ?? input.devKey !== undefined,
      instantSeal: input.instantSeal ?? false,
      // GRANDPA finalizes; instant seal makes blocks only on demand, so GRANDPA's rule of never
      // voting on the last two would leave the newest unfinalized: there a timer finalizes.
      finalizeImmediately: input.finalizeImmediately ?? input.instantSeal ?? false,
      finalityDelayMs: input.finalityDelayMs ?? 250,
      statusIntervalMs: input.statusIntervalMs ?? 5_000,
      rpcPort: input.rpcPort ?? 9944,
      rpcHost: input.rpcHost ?? "127.0.0.1",
      prometheusHost: input.prometheusHost ?? "127.0.0.1",
      rpcMethods: input.rpcMethods ?? "auto",
      rpcCors: input.rpcCors ?? [],
      prometheusPort: input.prometheusPort === undefined ? 9615 : input.prometheusPort,
      statePruning: input.statePruning ?? 256,
      listenAddrs: input.listenAddrs ?? ["/ip4/127.0.0.1/tcp/0"],
      bootnodes: [...spec.bootNodes, ...(input.bootnodes ?? [])],
      reservedNodes: input.reservedNodes ?? [],
      reservedOnly: input.reservedOnly ?? false,
      inPeers: input.inPeers ?? 32,
      outPeers: input.outPeers ?? 8,
      discovery: input.discovery ?? true,
      rpcLimits: input.rpcLimits ?? {},
    };
    // What has been opened so far, closed in reverse order if a later step fails; first of all
    // (so last to go) the directories this start created, so a failed start leaves nothing behind.
    const created = input.tmp ? [basePath] : createdBy(basePath, spec.id);
    const opened: Array<() => unknown> = [
      () => {
        for (const dir of created) {
          try {
            rmSync(dir, { recursive: true, force: true });
          } catch {
            // it could not be made either (a path under a file)
          }
        }
      },
    ];
    try {
      const paths = chainPaths(basePath, spec.id);
      const chainDir = paths.chain;
      mkdirSync(chainDir, { recursive: true });
      const lock = LockFile.acquire(paths.lock);
      opened.push(() => lock.release());
      log.info("Canary node");
      log.info(`📋 Chain specification: ${spec.name}`);
      log.info(`🏷  Node name: ${config.name}`);
      log.info(`💾 Database: LMDB at ${paths.db}`);
      const executor = new Executor();
      const { genesis, built, remember } = await genesisForStart(executor, spec, paths);
      if (built) collectGarbage(); // the runtime's garbage from building it, before it is written
      // A remembered genesis had its code checked when it was built; the best block's is checked below.
      if (built) checkRuntimeCode(executor, genesis.storage, "the chain spec's genesis");
      const genesisHash = blockHash(genesis.header);
      log.info(
        `🔨 Initializing Genesis block/state (state: ${shortHash(toHex(genesis.header.stateRoot))}, header-hash: ${shortHash(toHex(genesisHash))})`,
      );
      // A database that is there is checked (in a child process) before the node reads it.
      const checkStarted = performance.now();
      const checked = verifyDatabase(paths.db, { genesisHash, chainId: spec.id });
      if (checked) {
        log.info(
          `🔎 Database checked: ${checked.blocks} blocks, ${checked.trieNodes} trie nodes (${Math.round(performance.now() - checkStarted)} ms)`,
        );
      }
      const db = openDatabase({
        path: paths.db,
        chain: { genesisHash, chainId: spec.id },
        sync: !config.tmp,
      });
      opened.push(() => db.close());
      // BABE's import checks. Instant seal runs slots ahead of the clock by design: no future bound.
      const epochs = new EpochResolver(() => chain);
      const verifier = new BabeVerifier({
        epochs,
        maxFutureSlots: config.instantSeal ? undefined : MAX_FUTURE_SLOTS,
      });
      const chain: Chain = new Chain({
        db,
        executor,
        genesis,
        verifier,
        pruning: config.statePruning,
        collectGarbage,
      });
      remember();
      if (built) collectGarbage();
      checkBestCode(chain);
      const slotDurationMs = slotDurationOf(chain, input.blockTimeMs);
      log.info(`⏱  Slots of ${slotDurationMs} ms (the chain's, from its genesis)`);
      const keystore = new Keystore(paths.keystore);
      // Signatures of a batch of transactions from a peer, verified ahead on the import queue's workers.
      let peerBatch: SharedVerdicts | undefined;
      const pool = new TransactionPool({
        validate: validateOnChain(chain, { verified: () => peerBatch }),
        bestNumber: () => chain.best().number,
      });
      if (input.devKey) {
        keystore.generate("sr25519", BABE_KEY_TYPE, encodeUtf8(`//${input.devKey}`));
        keystore.generate("ed25519", GRANDPA_KEY_TYPE, encodeUtf8(`//${input.devKey}`));
      }
      const claims = config.validator
        ? authoringClaims(spec, keystore, epochs, chain, slotDurationMs, log)
        : undefined;
      let node: CanaryNode | undefined;
      let author: BlockAuthor | undefined;
      // Equivocations seen here are reported on chain through this node's pool.
      const reporter = new EquivocationReporter({
        chain,
        log,
        submit: (extrinsic) => pool.submit(extrinsic, "Local"),
      });
      const babeEquivocations = new BabeEquivocations(
        () => chain,
        epochs,
        (proof) => reporter.babe(proof),
      );
      chain.onImported(({ header }) => {
        try {
          babeEquivocations.note(header);
        } catch (e) {
          log.debug(`equivocation check of #${header.number} failed: ${(e as Error).message}`);
        }
      });
      // One import path for every block (from peers, from this node's author) and one owner of
      // the signature workers. They start with the first block from a peer or the first batch of
      // transactions big enough to pay, so a node on its own never pays for them.
      let signatureWorkers: SharedVerifier | undefined;
      const imports = new ImportQueue(chain, {
        verifier: () => (signatureWorkers ??= new SharedVerifier()),
        onVerifierFailure: (e) =>
          log.warn(`signature workers unavailable, verifying on the main thread: ${(e as Error).message}`),
      });
      opened.push(() => signatureWorkers?.close());
      let worker: AuthorshipWorker | undefined;
      if (claims) {
        author = new BlockAuthor({ chain, pool, claims, slotDurationMs, imports });
        worker = new AuthorshipWorker({
          author,
          chain,
          pool,
          mode: config.instantSeal ? "instant" : "slots",
          slotDurationMs,
          finalityDelayMs: config.finalizeImmediately ? config.finalityDelayMs : undefined,
          log,
          onAuthored: (_, ms) => node?.metrics.proposerTime.observe(ms / 1000),
          onError: (e) => node?.fatalIfDamaged(e),
        });
      }
      // Only a validator votes (Substrate gives a non-authority's voter no keystore): on a dev
      // chain every node could sign with the well-known keys, and two nodes voting as Alice
      // equivocate in every round.
      const granKeys = config.validator ? grandpaKeys(spec, keystore) : () => undefined;
      const network = await Network.start({
        nodeKey: input.nodeKey ?? loadNodeKey(chainDir),
        listen: config.listenAddrs,
        bootnodes: config.bootnodes,
        reservedPeers: config.reservedNodes,
        reservedOnly: config.reservedOnly,
        inPeers: config.inPeers,
        outPeers: config.outPeers,
        discovery: config.discovery,
        chain,
        authority: config.validator,
        log,
        importBlock: async (block) => {
          try {
            const imported = await imports.import(block);
            pool.blockImported(imported.hash, block.extrinsics);
          } catch (e) {
            node?.fatalIfDamaged(e);
            throw e;
          }
        },
        importJustification: (hash, justification) => node?.voter?.importJustification(hash, justification),
        // The node's own reports stay here: no other node's pool would take them.
        pendingTransactions: () =>
          pool
            .ready()
            .filter((tx) => tx.source !== "Local")
            .map((tx) => tx.bytes),
        onTransactions: (txs) => {
          const best = chain.best();
          peerBatch = imports.verifyAhead(txs, { number: best.number + 1, parentHash: best.hash });
          try {
            return txs.map((tx) => node?.acceptFromPeer(tx) ?? false);
          } finally {
            peerBatch?.cancel();
            peerBatch = undefined;
          }
        },
      });
      opened.push(() => network.stop());
      const voter = config.finalizeImmediately
        ? undefined
        : new GrandpaVoter({
            chain,
            transport: network.grandpa,
            keys: granKeys,
            log,
            // Kusama's 1 s, shorter with short slots so that finality keeps pace.
            gossipDurationMs: Math.min(1_000, Math.max(50, Math.floor(slotDurationMs / 3))),
            onEquivocation: ({ proof }) => {
              if (proof) reporter.grandpa(proof);
            },
          });
      if (voter) network.grandpa.attach(voter);
      log.info(`🏷  Local node identity is: ${network.peerId}`);
      for (const addr of network.listenAddresses()) log.info(`👂 Listening for peers on ${addr}`);
      const health = () => ({
        peers: network.peers().length,
        isSyncing: network.isSyncing,
        shouldHavePeers: spec.chainType !== "Development",
      });
      const rpc = new RpcServer({
        ...config.rpcLimits,
        onDisconnect: (why) => log.warn(why),
        health,
        host: config.rpcHost,
        port: config.rpcPort,
        methods: config.rpcMethods,
        cors: config.rpcCors,
        onError: (e, method) => {
          if (!node?.fatalIfDamaged(e)) log.error(`RPC ${method} failed: ${(e as Error).stack ?? e}`);
        },
      });
      node = new CanaryNode(config, spec, log, {
        db,
        chain,
        pool,
        author,
        worker,
        lock,
        rpc,
        network,
        voter,
        slotDurationMs,
        imports,
        closeWorkers: async () => signatureWorkers?.close(),
      });
      node.#onFatal = input.onFatal;
      db.onCorruption?.((e) => node?.fatalIfDamaged(e));
      const info = {
        chain,
        pool,
        submit: (bytes: Uint8Array) => (node as CanaryNode).submit(bytes),
        name: config.name,
        version: NODE_VERSION,
        chainName: spec.name,
        chainType: spec.chainType,
        properties: spec.properties,
        keystore,
        ...(log.filter ? { logFilter: log.filter } : {}),
        peerId: network.peerId,
        role: config.validator ? ("Authority" as const) : ("Full" as const),
        network,
        health,
      };
      registerLegacy(rpc, info);
      registerRpcSpec(rpc, info, genesisHash);
      registerSubstrateExtras(rpc, info);
      registerGrandpa(rpc, chain, () => node?.voter);
      node.rpcPort = (
        await rpc.listen().catch((e: unknown) => {
          throw listenError(e, "JSON-RPC", config.rpcHost, config.rpcPort, "--rpc-port <port>");
        })
      ).port;
      opened.push(() => rpc.close());
      log.info(
        `Running JSON-RPC server: addr=${config.rpcHost}:${node.rpcPort}, allowed origins=${config.rpcCors === "all" ? "all" : config.rpcCors.length === 0 ? "localhost" : config.rpcCors.join(",")}`,
      );
      if (config.prometheusPort !== null) {
        const port = config.prometheusPort;
        node.prometheusPort = await node.metrics.listen(port, config.prometheusHost).catch((e: unknown) => {
          throw listenError(
            e,
            "Prometheus",
            config.prometheusHost,
            port,
            "--prometheus-port <port> or --no-prometheus",
          );
        });
        log.info(`〽️ Prometheus exporter started at ${config.prometheusHost}:${node.prometheusPort}/metrics`);
      }
      node.#run();
      return node;
    } catch (e) {
      for (const close of opened.reverse()) {
        try {
          await close();
        } catch {
          // the start's own error is the one to report
        }
      }
      throw fileSystemError(e, basePath);
    }
  }

  #run(): void {
    const m = this.metrics;
    m.buildInfo.set({ name: this.config.name, version: NODE_VERSION, chain: this.spec.id }, 1);
    const net = this.network;
    m.network = { peers: () => net.peers().length, bytesIn: () => net.bytesIn, bytesOut: () => net.bytesOut };
    m.blockHeight.set({ status: "best" }, this.chain.best().number);
    m.blockHeight.set({ status: "finalized" }, this.chain.finalized().number);
    this.chain.onImported((b) => {
      m.importTime.observe(b.elapsedMs / 1000);
      if (b.best) m.blockHeight.set({ status: "best" }, b.number);
      m.readyTransactions.set(this.pool.ready().length);
    });
    this.chain.onFinalized((b) => m.blockHeight.set({ status: "finalized" }, b.number));
    const best = this.chain.best();
    this.#statusBest = best.number;
    this.log.info(`📦 Highest known block at #${best.number}`);
    this.chain.onImported((b) => {
      if (b.best) this.log.info(`🏆 Imported #${b.number} (${shortHash(toHex(b.hash))})`);
    });
    this.chain.onFinalized((b) => this.log.debug(`✅ Finalized #${b.number} (${shortHash(toHex(b.hash))})`));
    // Finality may pass several blocks at once (a GRANDPA round): each one's transactions are final.
    let lastFinalized = this.chain.finalized().number;
    this.chain.onFinalized((b) => {
      for (let n = lastFinalized + 1; n <= b.number; n++) {
        const hash = this.chain.blocks.hashAt(n);
        const body = hash && this.chain.blocks.body(hash);
        if (hash && body) this.pool.blockFinalized(hash, body);
      }
      lastFinalized = b.number;
    });
    // The record beside the database follows finality, so a database that loses blocks is refused.
    const identity = { genesisHash: this.chain.genesisHash, chainId: this.spec.id };
    this.chain.onFinalized((b) => {
      try {
        writeRecord(this.db.path, recordFor(identity, b));
      } catch (e) {
        this.log.warn(`cannot update the database record: ${(e as Error).message}`);
      }
    });
    this.#worker?.start();
    this.voter?.start();
    this.#timers.push(setInterval(() => this.#status(), this.config.statusIntervalMs));
  }

  #status(): void {
    const best = this.chain.best();
    const finalized = this.chain.finalized();
    const net = this.network;
    const peers = net.peers().length;
    const seconds = this.config.statusIntervalMs / 1000;
    const rate = (bytes: number) => `${(bytes / 1024 / seconds).toFixed(1)}kiB/s`;
    const traffic = `⬇ ${rate(net.bytesIn - this.#traffic.in)} ⬆ ${rate(net.bytesOut - this.#traffic.out)}`;
    this.#traffic = { in: net.bytesIn, out: net.bytesOut };
    const imported = best.number - this.#statusBest;
    this.#statusBest = best.number;
    const state = net.isSyncing
      ? `⚙️  Syncing ${(imported / seconds).toFixed(1)} bps, target=#${net.highestBlock()} (${peers} peers)`
      : `💤 Idle (${peers} peers)`;
    this.log.info(
      `${state}, best: #${best.number} (${shortHash(toHex(best.hash))}), finalized #${finalized.number} (${shortHash(toHex(finalized.hash))}), ${traffic}`,
    );
  }

  /**
   * If `error` shows the database damaged (LMDB's MDB_CORRUPTED, a lost canonical block, a missing
   * trie node), stops the node: authoring stops at once, nothing more is written, and the log says
   * what to do. Returns whether it did.
   */
  fatalIfDamaged(error: unknown): boolean {
    if (!isDatabaseDamage(error)) return false;
    if (this.#stopped || this.failure !== undefined) return true;
    this.failure = error;
    this.#worker?.stop();
    const path = this.db.path;
    this.log.error(
      `⛔ The database at ${path} is damaged (${damageMessage(error)}): the node stops rather than build on it. ` +
        `Restore the database from a backup, or delete it with \`canary purge-chain --base-path ${this.config.basePath} --chain ${this.config.chain} -y\` and sync again.`,
    );
    void this.stop().finally(() => this.#onFatal?.(error));
    return true;
  }

  /** Submits a transaction to the pool; with instant seal it is authored into a block at once. */
  submit(bytes: Uint8Array): Uint8Array {
    const tx = this.pool.submit(bytes);
    this.metrics.readyTransactions.set(this.pool.ready().length);
    this.pool.broadcast(tx.hash, this.network.broadcastTransactions([bytes]));
    this.#worker?.transactionArrived();
    return tx.hash;
  }

  /** A transaction a peer sent: into the pool (and on to other peers) if new; false if invalid. */
  acceptFromPeer(bytes: Uint8Array): boolean {
    try {
      this.submit(bytes);
      return true;
    } catch (e) {
      return !(e instanceof PoolError && (e.rpcCode === 1010 || e.rpcCode === 1001));
    }
  }

  /** Authors one block now (also what the slot timer does when the slot is ours). */
  authorBlock(): void {
    this.#worker?.authorBlock();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#worker?.stop();
    this.voter?.stop();
    for (const t of this.#timers) clearInterval(t);
    await this.rpc.close();
    await this.network.stop();
    // Nothing imports after the network stopped; queued blocks are refused, then the workers go.
    this.#imports.close();
    await this.#closeWorkers();
    await this.metrics.close();
    await this.db.close();
    this.#lock.release();
    if (this.config.tmp) rmSync(this.config.basePath, { recursive: true, force: true });
    this.log.info("Shutdown complete");
  }
}

/**
 * The directory to remove if this start fails: the highest of the base path, its `chains` and the
 * chain's directory that does not exist yet (or, when they all do, the chain's parts that do not).
 */
function createdBy(basePath: string, chainId: string): string[] {
  const chains = join(basePath, "chains");
  const chain = join(chains, chainId);
  for (const dir of [basePath, chains, chain]) if (!existsSync(dir)) return [dir];
  return ["db", "keystore", "network", GENESIS_HEADER_FILE]
    .map((d) => join(chain, d))
    .filter((d) => !existsSync(d));
}

/** Refuses `:code` in `storage` unless it is a runtime that reports its version. */
function checkRuntimeCode(
  executor: Executor,
  storage: ReadonlyArray<[Uint8Array, Uint8Array]>,
  where: string,
) {
  const code = storage.find(([k]) => bytesEqual(k, WELL_KNOWN_KEYS.code))?.[1];
  if (!code) return; // genesisFromStorage refuses a genesis without code
  const host = new NodeHost(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT }));
  try {
    runtimeApiClient(CoreApi, (entry, input) => executor.call(code, entry, input, host)).version();
  } catch (cause) {
    throw new ServiceError(
      "NODE_BAD_RUNTIME_CODE",
      `${where} has a :code that is not a runtime (${(cause as Error).message.split("\n")[0]}): build the chain spec again with \`canary build-spec\``,
      { cause },
    );
  }
}

/** The chain's slot length; a `--block-time` that differs from it is refused (a spec file sets its own). */
function slotDurationOf(chain: Chain, requested: number | undefined): number {
  const slotDurationMs = chainSlotDuration(chain);
  if (requested !== undefined && requested !== slotDurationMs) {
    throw new ServiceError(
      "NODE_SLOT_DURATION_MISMATCH",
      `--block-time ${requested} differs from the chain's slot length (${slotDurationMs} ms, set in its genesis): drop --block-time, or build the chain spec with \`canary build-spec --chain local --block-time ${requested}\``,
    );
  }
  return slotDurationMs;
}

/** Refuses to run on a best block whose :code is not a runtime: every slot would fail. */
function checkBestCode(chain: Chain): void {
  const best = chain.best();
  try {
    apiAt(chain, best.hash, CoreApi).version();
  } catch (cause) {
    throw new ServiceError(
      "NODE_BAD_RUNTIME_CODE",
      `the runtime at the best block #${best.number} cannot run (${(cause as Error).message.split("\n")[0]}): the database or the chain spec is not usable; purge the chain or use another --base-path`,
      { cause },
    );
  }
}

/** The genesis block and storage of `spec`: a preset of the bundled runtime, a config, or raw storage. */
export async function genesisOf(executor: Executor, spec: ChainSpec): Promise<Genesis> {
  const g = spec.genesis;
  if ("raw" in g) return genesisFromStorage(g.raw, g.childrenDefault);
  const { code, source } = await genesisInputs(executor, g);
  return buildGenesisInMemory(executor, code, source);
}

/** The runtime code and the GenesisBuilder source of a genesis that the runtime builds. */
async function genesisInputs(
  executor: Executor,
  g: Exclude<GenesisSpec, { raw: unknown }>,
): Promise<{ code: Uint8Array; source: GenesisSource }> {
  if ("config" in g) return { code: g.code, source: { config: g.config } };
  const code = await relayRuntimeCode();
  if (g.slotDurationMs === undefined && g.epochDuration === undefined && g.claims === undefined)
    return { code, source: { preset: g.preset } };
  return { code, source: { config: presetConfig(executor, code, g) } };
}

/**
 * The genesis a start uses: remembered from an earlier start on this database (genesisCache.ts),
 * its storage then built only if asked for, or else built. `remember` records it once written.
 */
async function genesisForStart(
  executor: Executor,
  spec: ChainSpec,
  paths: { chain: string; db: string },
): Promise<{ genesis: Genesis; built: boolean; remember: () => void }> {
  const g = spec.genesis;
  if ("raw" in g)
    return { genesis: genesisFromStorage(g.raw, g.childrenDefault), built: true, remember() {} };
  const { code, source } = await genesisInputs(executor, g);
  const fingerprint = genesisFingerprint(code, source);
  const file = join(paths.chain, GENESIS_HEADER_FILE);
  const header = rememberedGenesisHeader(file, fingerprint, paths.db);
  const build = () => buildGenesisInMemory(executor, code, source, { collectGarbage });
  const genesis = header ? lazyGenesis(header, build) : build();
  return {
    genesis,
    built: !header,
    remember: () => rememberGenesisHeader(file, fingerprint, genesis.header),
  };
}

/**
 * The genesis config of a built-in chain's preset as JSON, with its slot length (`--block-time`)
 * and epoch length (`--epoch-duration`) in Babe's section, and its claims (`--claims`), when chosen.
 */
export function presetConfig(
  executor: Executor,
  code: Uint8Array,
  genesis: { preset: string } & ChainSpecOptions,
): Uint8Array {
  const host = new NodeHost(new BlockState({ store: new MemoryNodeStore(), root: EMPTY_TRIE_ROOT }));
  const preset = genesisPresetConfig(executor, code, genesis.preset, { host, entries: () => [] });
  const { slotDurationMs, epochDuration, claims } = genesis;
  if (slotDurationMs === undefined && epochDuration === undefined && claims === undefined) return preset;
  const config = JSON.parse(decodeUtf8(preset) ?? "{}", keepNumbers) as Record<string, unknown>;
  if (slotDurationMs !== undefined || epochDuration !== undefined) {
    config.babe = {
      ...((config.babe ?? {}) as Record<string, unknown>),
      ...(slotDurationMs === undefined ? {} : { slotDuration: slotDurationMs }),
      ...(epochDuration === undefined ? {} : { epochDuration }),
    };
  }
  if (claims !== undefined) config.claims = claims;
  return encodeUtf8(JSON.stringify(config));
}

/** This node's GRANDPA (`gran`, ed25519) key for an authority: the keystore's, or on a development chain a dev key. */
function grandpaKeys(spec: ChainSpec, keystore: Keystore): (publicKey: Uint8Array) => Keypair | undefined {
  const dev =
    spec.chainType === "Development" ? DEV_ACCOUNT_NAMES.map((name) => devKeypair(name, "ed25519")) : [];
  return (publicKey) =>
    keystore.keypair(publicKey, GRANDPA_KEY_TYPE, "ed25519") ??
    dev.find((k) => bytesEqual(k.publicKey, publicKey));
}

/**
 * This node's BABE claims: with the `babe` keys in its keystore (`--alice` puts Alice's there) or,
 * on a development chain, any well-known dev key. Refuses a validator with no BABE key at all; one
 * whose key is not (yet) an authority waits for an election to put it in the set, as Substrate's.
 */
function authoringClaims(
  spec: ChainSpec,
  keystore: Keystore,
  epochs: EpochResolver,
  chain: Chain,
  slotDurationMs: number,
  log: Logger,
): BabeClaimer {
  const dev = spec.chainType === "Development" ? devAccounts() : [];
  const claimer = new BabeClaimer(epochs, (publicKey) => {
    const key = keystore.keypair(publicKey, BABE_KEY_TYPE);
    return key ?? dev.find((a) => bytesEqual(a.keypair.publicKey, publicKey))?.keypair;
  });
  const best = chain.best();
  const header = chain.header(best.hash)!;
  const slot = BigInt(Date.now()) / BigInt(slotDurationMs) + 1n;
  if (claimer.isAuthority(slot, header, best.hash)) return claimer;
  if (keystore.count(BABE_KEY_TYPE) > 0) {
    log.warn("🔑 This validator's BABE key is not among the current authorities: it authors once elected");
    return claimer;
  }
  throw new ServiceError(
    "NODE_NO_AUTHORING_KEY",
    "--validator needs a BABE key: put its sr25519 key in the keystore (`canary key insert --key-type babe`), or start with --alice, --bob, … for a dev key",
  );
}
