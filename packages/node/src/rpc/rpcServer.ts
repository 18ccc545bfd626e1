/**
 * JSON-RPC 2.0 over WebSocket and HTTP on one port (DESIGN.md §5), within the limits of
 * limits.ts: connections (in all and per IP address), request and response size (a batch's
 * response is counted while it is built, and building stops at the limit), subscriptions, and a
 * bounded send buffer per connection (a client that stops reading is first no longer read from,
 * then disconnected). Every call runs from one queue in slices of a few milliseconds, so RPC work
 * always yields to the slot timer, block import and the network. A bad request gets its standard
 * error and never disturbs anyone else's calls.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { errorObject, RPC_CODES, RpcError } from "./errors.ts";
import { DEFAULT_RPC_LIMITS, type RpcLimits } from "./limits.ts";
import { idOf, parseMessage, type RequestId, type RpcRequest } from "./protocol.ts";
import { WorkQueue } from "./workQueue.ts";

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

export interface RpcServerOptions extends Partial<RpcLimits> {
  port: number;
  host?: string;
  /** "auto": unsafe methods only when listening on a loopback address. */
  methods?: "safe" | "unsafe" | "auto";
  /** Allowed browser origins; "all" allows any. Requests without an Origin header are always allowed. */
  cors?: "all" | string[];
  health?: () => object;
  onError?: (error: unknown, method: string) => void;
  /** Told when a connection is dropped for a limit (a client that does not read). */
  onDisconnect?: (why: string) => void;
}

const DEFAULT_CORS = [/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/, /^https:\/\/polkadot\.js\.org$/];

interface Method {
  handler: Handler;
  unsafe: boolean;
}

interface Connection {
  id: number;
  ip: string;
  subscriptions: Map<string, { stop: (() => void) | undefined; spec: SubscriptionSpec }>;
  socket: WebSocket;
  /** Subscriptions whose id is not sent yet: their notifications wait until it is. */
  activations: Array<() => void>;
  /** Requests read and not yet run. */
  inbox: string[];
  /** Messages being answered, plus messages sent and not yet flushed to the socket. */
  inFlight: number;
  paused: boolean;
  closed: boolean;
}

type Answer = Response | undefined;
type Response = { jsonrpc: "2.0"; id: RequestId; result?: unknown; error?: ReturnType<typeof errorObject> };

export class RpcServer {
  readonly limits: RpcLimits;
  readonly #o: RpcServerOptions & {
    host: string;
    methods: "safe" | "unsafe" | "auto";
    cors: "all" | string[];
  };
  readonly #methods = new Map<string, Method>();
  readonly #connections = new Map<number, Connection>();
  readonly #perIp = new Map<string, number>();
  readonly #http: Server;
  readonly #ws: WebSocketServer;
  readonly #queue: WorkQueue;
  #nextConnection = 0;
  #nextHttp = 0;
  #subscriptions = 0;
  #allowUnsafe = false;

  constructor(options: RpcServerOptions) {
    const limits = { ...DEFAULT_RPC_LIMITS };
    for (const key of Object.keys(limits) as Array<keyof RpcLimits>) {
      if (options[key] !== undefined) limits[key] = options[key]!;
    }
    this.limits = limits;
    this.#o = { host: "127.0.0.1", methods: "auto", cors: [], ...options };
    this.#queue = new WorkQueue(limits.sliceMs);
    this.#http = createServer((req, res) => this.#onHttp(req, res));
    this.#ws = new WebSocketServer({ noServer: true, maxPayload: limits.maxRequestBytes });
    this.#http.on("upgrade", (req, socket, head) => {
      const refuse = (status: number, why: string) => {
        socket.end(
          `HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: ${why.length}\r\n\r\n${why}`,
        );
      };
      if (!this.#originAllowed(req.headers.origin)) return refuse(403, "Origin not allowed");
      if (this.#connections.size >= limits.maxConnections) return refuse(503, "Too many connections");
      const ip = req.socket.remoteAddress ?? "";
      if ((this.#perIp.get(ip) ?? 0) >= limits.maxConnectionsPerIp)
        return refuse(429, "Too many connections from this address");
      this.#ws.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws, ip));
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

  /** Connections whose requests are not being read, their send buffer being full. */
  get pausedConnections(): number {
    let n = 0;
    for (const c of this.#connections.values()) if (c.paused) n++;
    return n;
  }

  /** Subscriptions open on all connections. */
  get subscriptions(): number {
    return this.#subscriptions;
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
    for (const c of this.#connections.values()) this.#drop(c);
    this.#queue.clear();
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

  #onSocket(socket: WebSocket, ip: string): void {
    const connection: Connection = {
      id: this.#nextConnection++,
      ip,
      subscriptions: new Map(),
      socket,
      activations: [],
      inbox: [],
      inFlight: 0,
      paused: false,
      closed: false,
    };
    this.#connections.set(connection.id, connection);
    this.#perIp.set(ip, (this.#perIp.get(ip) ?? 0) + 1);
    socket.on("message", (data, isBinary) => {
      if (connection.closed) return;
      connection.inbox.push(isBinary ? Buffer.from(data as Buffer).toString("utf8") : String(data));
      this.#pumpConnection(connection);
    });
    socket.on("close", () => this.#drop(connection));
    socket.on("error", () => socket.terminate()); // e.g. a frame over maxPayload (close code 1009)
  }

  /**
   * Runs `c`'s requests while fewer than the buffer's capacity of its messages are in flight
   * (being answered, or sent and not yet flushed to its socket); past it, the rest wait in its
   * inbox and its socket is no longer read, so a client that does not read its answers costs a
   * bounded buffer, not one answer per request it sends.
   */
  #pumpConnection(c: Connection): void {
    const capacity = this.limits.messageBufferCapacity;
    while (!c.closed && c.inbox.length > 0 && c.inFlight < capacity) {
      const text = c.inbox.shift()!;
      c.inFlight++;
      this.#queue.push(
        () =>
          this.#process(text, { connection: c.id, transport: "ws" }, (out) => {
            c.inFlight--;
            if (out !== undefined) this.#send(c, out);
            // A client can only route notifications of subscriptions whose id it has received.
            for (const activate of c.activations.splice(0)) activate();
            this.#pumpConnection(c);
          }),
        c.id,
      );
    }
    const full = c.inbox.length > 0;
    if (full && !c.paused && !c.closed) {
      c.paused = true;
      c.socket.pause();
    } else if (!full && c.paused && !c.closed) {
      c.paused = false;
      c.socket.resume();
    }
  }

  /** Sends on `c`, and disconnects a client whose unsent output is over the limit (it does not read). */
  #send(c: Connection, text: string): void {
    if (c.closed || c.socket.readyState !== c.socket.OPEN) return;
    c.inFlight++;
    c.socket.send(text, () => {
      c.inFlight--;
      if (c.inbox.length > 0) this.#pumpConnection(c);
    });
    const buffered = c.socket.bufferedAmount;
    if (buffered > this.limits.maxSendBufferBytes) {
      this.#disconnect(
        c,
        `its unsent output reached ${buffered} bytes (limit ${this.limits.maxSendBufferBytes})`,
      );
    } else if (buffered > this.limits.maxSendBufferBytes >> 4) {
      this.#checkTotalBuffered();
    }
  }

  #checkTotalBuffered(): void {
    let total = 0;
    let largest: Connection | undefined;
    for (const c of this.#connections.values()) {
      total += c.socket.bufferedAmount;
      if (!largest || c.socket.bufferedAmount > largest.socket.bufferedAmount) largest = c;
    }
    if (largest && total > this.limits.maxSendBufferTotalBytes) {
      this.#disconnect(
        largest,
        `all connections' unsent output reached ${total} bytes and this one held the most`,
      );
    }
  }

  #disconnect(c: Connection, why: string): void {
    this.#o.onDisconnect?.(`RPC connection ${c.id} from ${c.ip} dropped: ${why}`);
    this.#drop(c);
  }

  #drop(c: Connection): void {
    if (c.closed) return;
    c.closed = true;
    for (const { stop } of c.subscriptions.values()) stop?.();
    this.#subscriptions -= c.subscriptions.size;
    c.subscriptions.clear();
    c.activations.length = 0;
    c.inbox.length = 0;
    this.#connections.delete(c.id);
    const left = (this.#perIp.get(c.ip) ?? 1) - 1;
    if (left > 0) this.#perIp.set(c.ip, left);
    else this.#perIp.delete(c.ip);
    c.socket.terminate();
  }

  #subscribe(spec: SubscriptionSpec, params: Params, ctx: CallContext): string {
    const c = this.#connections.get(ctx.connection);
    if (ctx.transport !== "ws" || !c) {
      throw new RpcError(
        RPC_CODES.methodNotFound,
        `${spec.subscribe} needs a WebSocket connection: subscriptions cannot be served over HTTP`,
      );
    }
    if (c.subscriptions.size >= this.limits.maxSubscriptionsPerConnection) {
      throw new RpcError(
        RPC_CODES.serverError,
        `Too many subscriptions on this connection (the limit is ${this.limits.maxSubscriptionsPerConnection})`,
      );
    }
    if (this.#subscriptions >= this.limits.maxSubscriptions) {
      throw new RpcError(
        RPC_CODES.serverError,
        `Too many subscriptions on this node (the limit is ${this.limits.maxSubscriptions}); try again later`,
      );
    }
    const id = randomBytes(12).toString("hex");
    let open = true;
    let held: unknown[] | undefined = [];
    const deliver = (result: unknown) => {
      if (!open) return;
      this.#send(
        c,
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
        const entry = c.subscriptions.get(id);
        if (!entry) return;
        c.subscriptions.delete(id);
        this.#subscriptions--;
        entry.stop?.();
      },
    };
    const entry = { stop: undefined as (() => void) | undefined, spec };
    c.subscriptions.set(id, entry);
    this.#subscriptions++;
    try {
      entry.stop = spec.start(params, sink, ctx) ?? undefined;
    } catch (e) {
      c.subscriptions.delete(id);
      this.#subscriptions--;
      throw e;
    }
    return id;
  }

  #unsubscribe(params: Params, ctx: CallContext): boolean {
    const id = Array.isArray(params) ? params[0] : params?.subscription;
    if (typeof id !== "string")
      throw new RpcError(RPC_CODES.invalidParams, "Invalid params: expected the subscription id");
    const c = this.#connections.get(ctx.connection);
    const entry = c?.subscriptions.get(id);
    if (!c || !entry) return false;
    c.subscriptions.delete(id);
    this.#subscriptions--;
    entry.stop?.();
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
    const max = this.limits.maxRequestBytes;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > max) {
        refused = true;
        res.writeHead(413, { Connection: "close" }).end(`Request larger than ${max} bytes`);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const text = Buffer.concat(chunks).toString("utf8");
      const lane = -1 - (this.#nextHttp++ % 1_000_000); // each HTTP request a lane of its own
      this.#queue.push(
        () =>
          this.#process(
            text,
            { connection: -1, transport: "http" },
            (out) => res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" }).end(out ?? ""),
            lane,
          ),
        lane,
      );
    });
  }

  // --- dispatch ---

  /**
   * Answers a message through `reply` (undefined when nothing is owed: notifications). A batch's
   * calls are queued one by one, so they take turns with everyone else's, and its response is
   * measured as each call's answer is serialized: past the limit, the rest are not run.
   */
  #process(
    text: string,
    ctx: CallContext,
    reply: (out: string | undefined) => void,
    lane = ctx.connection,
  ): void {
    const parsed = parseMessage(text, this.limits.maxBatchLength);
    if (parsed.kind === "error") {
      reply(this.#serialize(failure(null, parsed.error)));
      return;
    }
    if (parsed.kind === "single") {
      whenDone(this.#handle(parsed.entry, ctx), (out) => reply(out ? this.#serialize(out) : undefined));
      return;
    }
    // In the order of the calls, whatever order they finish in.
    const parts: Array<string | undefined> = new Array(parsed.entries.length);
    let size = 2;
    let left = parsed.entries.length;
    let over = false;
    const finish = () => {
      if (over) {
        const limit = this.limits.maxResponseBytes;
        reply(
          JSON.stringify(
            failure(
              null,
              new RpcError(
                RPC_CODES.batchResponseTooLarge,
                "The batch response was too large",
                `Exceeded max limit of ${limit}`,
              ),
            ),
          ),
        );
      } else {
        const answered = parts.filter((p) => p !== undefined);
        reply(answered.length > 0 ? `[${answered.join(",")}]` : undefined);
      }
    };
    for (const [index, entry] of parsed.entries.entries()) {
      this.#queue.push(() => {
        if (over) {
          if (--left === 0) finish();
          return;
        }
        whenDone(this.#handle(entry, ctx), (out) => {
          if (out && !over) {
            const part = this.#serialize(out);
            size += Buffer.byteLength(part) + 1;
            if (size > this.limits.maxResponseBytes) {
              over = true;
              parts.fill(undefined);
            } else parts[index] = part;
          }
          if (--left === 0) finish();
        });
      }, lane);
    }
  }

  /** A call's response, at once when its handler is synchronous (most are), so a batch can stop in time. */
  #handle(entry: RpcRequest | RpcError, ctx: CallContext): Answer | Promise<Answer> {
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
    const failed = (e: unknown) => {
      if (e instanceof RpcError) return reply(failure(id ?? null, e));
      this.#o.onError?.(e, method);
      return reply(failure(id ?? null, new RpcError(RPC_CODES.internalError, "Internal error")));
    };
    const ok = (result: unknown) => reply({ jsonrpc: "2.0", id: id ?? null, result: result ?? null });
    let result: unknown;
    try {
      result = m.handler(params, ctx);
    } catch (e) {
      return failed(e);
    }
    return result instanceof Promise ? result.then(ok, failed) : ok(result);
  }

  #serialize(value: Response): string {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      this.#o.onError?.(e, "serialize");
      return JSON.stringify(failure(value.id, new RpcError(RPC_CODES.internalError, "Internal error")));
    }
    if (
      text.length > this.limits.maxResponseBytes ||
      Buffer.byteLength(text) > this.limits.maxResponseBytes
    ) {
      // jsonrpsee's answer, so clients recognise it.
      return JSON.stringify(
        failure(
          value.id,
          new RpcError(
            RPC_CODES.responseTooBig,
            "Response is too big",
            `Exceeded max limit of ${this.limits.maxResponseBytes}`,
          ),
        ),
      );
    }
    return text;
  }
}

/** Calls `then` with the answer: at once when it is there, else when it settles. */
function whenDone(answer: Answer | Promise<Answer>, then: (answer: Answer) => void): void {
  if (answer instanceof Promise) void answer.then(then);
  else then(answer);
}

function failure(id: RequestId, error: RpcError): Response {
  return { jsonrpc: "2.0", id, error: errorObject(error) };
}
