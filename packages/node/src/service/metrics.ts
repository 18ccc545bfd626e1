/**
 * Prometheus metrics on `/metrics` (DESIGN.md §5) with the names Substrate's dashboards use:
 * block heights, import and proposal times, the pool's size, peers and bandwidth, resident memory,
 * build info.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Gauge, Histogram, Registry } from "prom-client";

export class NodeMetrics {
  readonly registry = new Registry();
  readonly blockHeight = new Gauge({
    name: "substrate_block_height",
    help: "Block height info of the chain",
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly importTime = new Histogram({
    name: "substrate_block_verification_and_import_time",
    help: "Time taken to verify and import blocks",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly proposerTime = new Histogram({
    name: "substrate_proposer_block_constructed",
    help: "Histogram of time taken to construct new block",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly readyTransactions = new Gauge({
    name: "substrate_ready_transactions_number",
    help: "Number of transactions in the ready queue",
    registers: [this.registry],
  });
  /** Read at each scrape: the network's live figures. */
  network = { peers: () => 0, bytesIn: () => 0, bytesOut: () => 0 };
  readonly peers: Gauge = new Gauge({
    name: "substrate_sub_libp2p_peers_count",
    help: "Number of connected peers",
    registers: [this.registry],
    collect: (): void => this.peers.set(this.network.peers()),
  });
  readonly networkBytes: Gauge<"direction"> = new Gauge({
    name: "substrate_sub_libp2p_network_bytes_total",
    help: "Total bandwidth usage",
    labelNames: ["direction"],
    registers: [this.registry],
    collect: (): void => {
      this.networkBytes.set({ direction: "in" }, this.network.bytesIn());
      this.networkBytes.set({ direction: "out" }, this.network.bytesOut());
    },
  });
  /** The process's resident memory, as Substrate's process collector names it. */
  readonly residentMemory: Gauge = new Gauge({
    name: "process_resident_memory_bytes",
    help: "Resident memory size in bytes.",
    registers: [this.registry],
    collect: (): void => this.residentMemory.set(process.memoryUsage.rss()),
  });
  readonly buildInfo = new Gauge({
    name: "substrate_build_info",
    help: "A metric with a constant '1' value labeled by name, version",
    labelNames: ["name", "version", "chain"],
    registers: [this.registry],
  });
  #server: Server | undefined;

  /** Serves `/metrics` on `host`:`port` (0: any free port); returns the port. */
  async listen(port: number, host = "127.0.0.1"): Promise<number> {
    const server = createServer((req, res) => {
      if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
        res.writeHead(404).end("Not found: metrics are at /metrics");
        return;
      }
      this.registry.metrics().then(
        (body) => res.writeHead(200, { "Content-Type": this.registry.contentType }).end(body),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
