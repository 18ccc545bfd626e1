/**
 * JSON-RPC 2.0 over WebSocket and HTTP on one port (DESIGN.md §5), with Substrate's limits: 100
 * connections, 15 MiB requests and responses, 1,024 subscriptions per connection, unsafe methods
 * only when allowed (or, by default, when listening on a loopback address). A bad request gets its
 * standard error and never disturbs anyone else's calls.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { errorObject, RPC_CODES, RpcError } from "./errors.ts";
import { idOf, parseMessage, type RequestId, type RpcRequest } from "./protocol.ts";

export type Params = unknown[] | Record<string, unknown> | undefined;

export interface CallContext {
  readonly connection: number;
  readonly transport: "ws" | "http";
}

export type Handler = (params: Params, ctx: CallContext) => unknown;

/** Where a subscription's notifications go. */
export interface Sink {
  readonly id: string;
  send(result: unknown): void;
  /** Ends the subscription from the server's side (no more notifications). */
  close(): void;
}

export interface SubscriptionSpec {
  subscribe: string;
  unsubscribe: string;
  notification: string;
  /** Starts the subscription; returns what stops it. Throw RpcError to refuse it. */
  start: (params: Params, sink: Sink, ctx: CallContext) => (() => void) | undefined;
  unsafe?: boolean;
}

export interface RpcServerOptions {
  port: number;
  host?: string;
  maxConnections?: number;
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  maxSubscriptionsPerConnection?: number;
  maxBatchLength?: number;
  /** "auto": unsafe methods only when listening on a loopback address. */
  methods?: "safe" | "unsafe" | "auto";
  /** Allowed browser origins; "all" allows any. Requests without an Origin header are always allowed. */
  cors?: "all" | string[];
  health?: () => object;
  onError?: (error: unknown, method: string) => void;
}

const MIB = 1024 * 1024;
const DEFAULT_CORS = [/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/, /^https:\/\/polkadot\.js\.org$/];

interface Method {
  handler: Handler;
  unsafe: boolean;
}

interface Connection {
  id: number;
  subscriptions: Map<string, { stop: (() => void) | undefined; spec: SubscriptionSpec }>;
  socket: WebSocket;
  /** Subscriptions whose id is not sent yet: their notifications wait until it is. */
  activations: Array<() => void>;
}

type Response = { jsonrpc: "2.0"; id: RequestId; result?: unknown; error?: ReturnType<typeof errorObject> };

export class RpcServer {
  readonly #o: Required<Omit<RpcServerOptions, "health" | "onError">> &
    Pick<RpcServerOptions, "health" | "onError">;
  readonly #methods = new Map<string, Method>();
  readonly #connections = new Set<Connection>();
  readonly #http: Server;
  readonly #ws: WebSocketServer;
  #nextConnection = 0;
  #allowUnsafe = false;

  constructor(options: RpcServerOptions) {
    this.#o = {
      host: "127.0.0.1",
      maxConnections: 100,
      maxRequestBytes: 15 * MIB,
      maxResponseBytes: 15 * MIB,
      maxSubscriptionsPerConnection: 1024,
      maxBatchLength: 1000,
      methods: "auto",
      cors: [],
      ...options,
    };
    this.#http = createServer((req, res) => this.#onHttp(req, res));
    this.#ws = new WebSocketServer({ noServer: true, maxPayload: this.#o.maxRequestBytes });
    this.#http.on("upgrade", (req, socket, head) => {
      const refuse = (status: number, why: string) => {
        socket.end(
          `HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: ${why.length}\r\n\r\n${why}`,
        );
      };
      if (!this.#originAllowed(req.headers.origin)) return refuse(403, "Origin not allowed");
      if (this.#connections.size >= this.#o.maxConnections) return refuse(503, "Too many connections");
      this.#ws.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
    this.register("rpc_methods", () => ({ methods: this.methodNames() }));
  }

  register(name: string, handler: Handler, options: { unsafe?: boolean } = {}): void {
    this.#methods.set(name, { handler, unsafe: options.unsafe ?? false });
  }

  registerSubscription(spec: SubscriptionSpec): void {
    const unsafe = spec.unsafe ?? false;
    this.#methods.set(spec.subscribe, {
      unsafe,
      handler: (params, ctx) => this.#subscribe(spec, params, ctx),
    });
    this.#methods.set(spec.unsubscribe, {
      unsafe,
      handler: (params, ctx) => this.#unsubscribe(params, ctx),
    });
  }

  /** Serves `alias` exactly as `name` (Substrate's method aliases, e.g. `state_callAt`). */
  alias(alias: string, name: string): void {
    const method = this.#methods.get(name);
    if (!method) throw new Error(`cannot alias ${alias}: no method ${name} is registered`);
    this.#methods.set(alias, method);
  }

  methodNames(): string[] {
    return [...this.#methods.keys()].sort();
  }

  get connections(): number {
    return this.#connections.size;
  }

  async listen(): Promise<{ port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once("error", reject);
      this.#http.listen(this.#o.port, this.#o.host, () => resolve());
    });
    const { address, port } = this.#http.address() as AddressInfo;
    const loopback = address === "127.0.0.1" || address === "::1" || address.startsWith("127.");
    this.#allowUnsafe = this.#o.methods === "unsafe" || (this.#o.methods === "auto" && loopback);
    return { port };
  }

  async close(): Promise<void> {
    for (const c of this.#connections) {
      this.#dropSubscriptions(c);
      c.socket.terminate();
    }
    this.#connections.clear();
    this.#ws.close();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    const { cors } = this.#o;
    if (cors === "all") return true;
    return cors.includes(origin) || (cors.length === 0 && DEFAULT_CORS.some((r) => r.test(origin)));
  }

  // --- WebSocket ---

  #onSocket(socket: WebSocket): void {
    const connection: Connection = {
      id: this.#nextConnection++,
      subscriptions: new Map(),
      socket,
      activations: [],
    };
    this.#connections.add(connection);
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString("utf8") : String(data);
      void this.#process(text, { connection: connection.id, transport: "ws" }).then((out) => {
        if (out !== undefined && socket.readyState === socket.OPEN) socket.send(out);
        // A client can only route notifications of subscriptions whose id it has received.
        for (const activate of connection.activations.splice(0)) activate();
      });
    });
    socket.on("close", () => {
      this.#dropSubscriptions(connection);
      this.#connections.delete(connection);
    });
    socket.on("error", () => socket.terminate()); // e.g. a frame over maxPayload (close code 1009)
  }

  #dropSubscriptions(c: Connection): void {
    for (const { stop } of c.subscriptions.values()) stop?.();
    c.subscriptions.clear();
  }

  #connection(ctx: CallContext): Connection | undefined {
    for (const c of this.#connections) if (c.id === ctx.connection) return c;
    return undefined;
  }

  #subscribe(spec: SubscriptionSpec, params: Params, ctx: CallContext): string {
    const c = this.#connection(ctx);
    if (ctx.transport !== "ws" || !c) {
      throw new RpcError(
        RPC_CODES.methodNotFound,
        `${spec.subscribe} needs a WebSocket connection: subscriptions cannot be served over HTTP`,
      );
    }
    if (c.subscriptions.size >= this.#o.maxSubscriptionsPerConnection) {
      throw new RpcError(
        RPC_CODES.serverError,
        `Too many subscriptions on this connection (the limit is ${this.#o.maxSubscriptionsPerConnection})`,
      );
    }
    const id = randomBytes(12).toString("hex");
    let open = true;
    let held: unknown[] | undefined = [];
    const deliver = (result: unknown) => {
      if (!open || c.socket.readyState !== c.socket.OPEN) return;
      c.socket.send(
        JSON.stringify({ jsonrpc: "2.0", method: spec.notification, params: { subscription: id, result } }),
      );
    };
    c.activations.push(() => {
      const queued = held ?? [];
      held = undefined;
      for (const result of queued) deliver(result);
    });
    const sink: Sink = {
      id,
      send: (result) => {
        if (held) held.push(result);
        else deliver(result);
      },
      close: () => {
        open = false;
        c.subscriptions.get(id)?.stop?.();
        c.subscriptions.delete(id);
      },
    };
    const entry = { stop: undefined as (() => void) | undefined, spec };
    c.subscriptions.set(id, entry);
    try {
      entry.stop = spec.start(params, sink, ctx) ?? undefined;
    } catch (e) {
      c.subscriptions.delete(id);
      throw e;
    }
    return id;
  }

  #unsubscribe(params: Params, ctx: CallContext): boolean {
    const id = Array.isArray(params) ? params[0] : params?.subscription;
    if (typeof id !== "string")
      throw new RpcError(RPC_CODES.invalidParams, "Invalid params: expected the subscription id");
    const c = this.#connection(ctx);
    const entry = c?.subscriptions.get(id);
    if (!c || !entry) return false;
    entry.stop?.();
    c.subscriptions.delete(id);
    return true;
  }

  // --- HTTP ---

  #onHttp(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (origin !== undefined && this.#originAllowed(origin)) {
      res.setHeader("Access-Control-Allow-Origin", this.#o.cors === "all" ? "*" : origin);
      res.setHeader("Access-Control-Allow-Headers", "Content-Type");
      res.setHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
    }
    if (!this.#originAllowed(origin)) return void res.writeHead(403).end("Origin not allowed");
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    if (req.method === "GET" && path === "/health") {
      const body = JSON.stringify(
        this.#o.health?.() ?? { isSyncing: false, peers: 0, shouldHavePeers: false },
      );
      return void res.writeHead(200, { "Content-Type": "application/json" }).end(body);
    }
    if (path !== "/") return void res.writeHead(404).end("Not found");
    if (req.method !== "POST")
      return void res.writeHead(405, { Allow: "POST" }).end("Use POST for JSON-RPC, or a WebSocket");
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > this.#o.maxRequestBytes) {
        refused = true;
        res
          .writeHead(413, { Connection: "close" })
          .end(`Request larger than ${this.#o.maxRequestBytes} bytes`);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      void this.#process(Buffer.concat(chunks).toString("utf8"), { connection: -1, transport: "http" }).then(
        (out) => {
          res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" }).end(out ?? "");
        },
      );
    });
  }

  // --- dispatch ---

  /** The serialized response to a message, or undefined when nothing is owed (notifications). */
  async #process(text: string, ctx: CallContext): Promise<string | undefined> {
    const parsed = parseMessage(text, this.#o.maxBatchLength);
    if (parsed.kind === "error") return this.#serialize(failure(null, parsed.error));
    if (parsed.kind === "single") {
      const out = await this.#handle(parsed.entry, ctx);
      return out ? this.#serialize(out) : undefined;
    }
    const outs = (await Promise.all(parsed.entries.map((e) => this.#handle(e, ctx)))).filter(
      (o): o is Response => o !== undefined,
    );
    return outs.length > 0 ? this.#serialize(outs) : undefined;
  }

  async #handle(entry: RpcRequest | RpcError, ctx: CallContext): Promise<Response | undefined> {
    if (entry instanceof RpcError) return failure(idOf(entry), entry);
    const { id, method, params } = entry;
    const reply = (r: Response) => (id === undefined ? undefined : r);
    const m = this.#methods.get(method);
    if (!m) return reply(failure(id ?? null, new RpcError(RPC_CODES.methodNotFound, "Method not found")));
    if (m.unsafe && !this.#allowUnsafe) {
      return reply(
        failure(
          id ?? null,
          new RpcError(RPC_CODES.methodNotFound, "RPC call is unsafe to be called externally"),
        ),
      );
    }
    try {
      const result = await m.handler(params, ctx);
      return reply({ jsonrpc: "2.0", id: id ?? null, result: result ?? null });
    } catch (e) {
      if (e instanceof RpcError) return reply(failure(id ?? null, e));
      this.#o.onError?.(e, method);
      return reply(failure(id ?? null, new RpcError(RPC_CODES.internalError, "Internal error")));
    }
  }

  #serialize(value: Response | Response[]): string {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      this.#o.onError?.(e, "serialize");
      const id = Array.isArray(value) ? null : value.id;
      return JSON.stringify(failure(id, new RpcError(RPC_CODES.internalError, "Internal error")));
    }
    if (Buffer.byteLength(text) > this.#o.maxResponseBytes) {
      const id = Array.isArray(value) ? null : value.id;
      // jsonrpsee's answer, so clients recognise it.
      return JSON.stringify(
        failure(
          id,
          new RpcError(
            RPC_CODES.responseTooBig,
            "Response is too big",
            `Exceeded max limit of ${this.#o.maxResponseBytes}`,
          ),
        ),
      );
    }
    return text;
  }
}

function failure(id: RequestId, error: RpcError): Response {
  return { jsonrpc: "2.0", id, error: errorObject(error) };
}
