/**
 * Issue 15 (2), (3): the JSON-RPC server's resource limits, each as a bounded flood against
 * 127.0.0.1. A client that sends and never reads stops being read, then is disconnected; a batch
 * stops being run once its response passes the size limit; one IP address cannot take every
 * connection; a megabytes-long hex parameter is an Invalid params error, not a crash.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { bytesArg } from "../../packages/node/src/rpc/methods/params.ts";
import { RpcServer, type RpcServerOptions, type Sink } from "../../packages/node/src/rpc/rpcServer.ts";
import { until } from "../support/until.ts";

const servers: RpcServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) if (s.readyState !== s.CONNECTING) s.terminate();
  for (const s of servers.splice(0)) await s.close();
});

const KIB64 = "x".repeat(64 * 1024);

async function serve(options: Partial<RpcServerOptions> = {}) {
  const dropped: string[] = [];
  const server = new RpcServer({ port: 0, onDisconnect: (why) => dropped.push(why), ...options });
  servers.push(server);
  let calls = 0;
  server.register("big", () => {
    calls++;
    return KIB64;
  });
  server.register("hex", (params) => bytesArg(params, 0, "data").length);
  const sinks: Sink[] = [];
  server.registerSubscription({
    subscribe: "fire_subscribe",
    unsubscribe: "fire_unsubscribe",
    notification: "fire_event",
    start: (_params, sink) => {
      sinks.push(sink);
      return undefined;
    },
  });
  const { port } = await server.listen();
  return { server, port, dropped, sinks, calls: () => calls };
}

async function open(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return ws;
}

/** The client stops reading: its socket buffers fill, and the server's writes back up. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

const call = (id: number, method: string, params: unknown[] = []) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

describe("the send buffer of a connection", () => {
  it("stops reading the requests of a client that does not read its answers, and serves it once it reads", async () => {
    const { server, port, calls } = await serve();
    const ws = await open(port);
    stopReading(ws);
    const received: unknown[] = [];
    ws.on("message", (m) => received.push(m));
    const sent = 2000; // 2000 × 64 KiB = 125 MiB of answers, were they all made at once
    for (let i = 0; i < sent; i++) ws.send(call(i, "big"));
    await until("the server stops reading the client", () => server.pausedConnections === 1);
    const made = calls();
    expect(made).toBeLessThan(sent / 4); // answers wait in a bounded buffer, not all in memory
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await until("every answer arrives", () => received.length === sent, 20_000);
    expect(server.pausedConnections).toBe(0);
  });

  it("disconnects a client whose unsent notifications pass the limit, and only that one", async () => {
    const { server, port, dropped, sinks } = await serve({ maxSendBufferBytes: 1024 * 1024 });
    const reader = await open(port);
    const deaf = await open(port);
    let heard = 0;
    reader.on("message", () => heard++);
    reader.send(call(1, "fire_subscribe"));
    deaf.send(call(1, "fire_subscribe"));
    await until("both subscribed", () => sinks.length === 2);
    stopReading(deaf);
    // Notifications until the deaf client's unsent output passes 1 MiB (its socket buffers first fill).
    for (let i = 0; i < 2000 && server.connections === 2; i++) {
      for (const s of sinks) s.send(KIB64);
      await new Promise((r) => setImmediate(r));
    }
    expect(server.connections).toBe(1);
    expect(dropped).toEqual([
      expect.stringMatching(/dropped: its unsent output reached \d+ bytes \(limit 1048576\)/),
    ]);
    expect(server.subscriptions).toBe(1);
    await until("the reader heard every notification", () => heard >= 2);
  });
});

describe("the cost of one request", () => {
  it("stops running a batch once its response passes the size limit", async () => {
    const { port, calls } = await serve({ maxResponseBytes: 1024 * 1024 });
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `[${Array.from({ length: 1000 }, (_, i) => call(i, "big")).join(",")}]`,
    }).then((r) => r.json());
    expect(response).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: {
        code: -32011,
        message: "The batch response was too large",
        data: "Exceeded max limit of 1048576",
      },
    });
    expect(calls()).toBeLessThanOrEqual(17); // 16 answers fit; the rest never ran
  });

  it("runs a big batch in slices: the event loop is never held for long", async () => {
    const { server, port } = await serve();
    let spin = 0;
    server.register("work", () => {
      const end = performance.now() + 1; // a call that costs 1 ms
      while (performance.now() < end) spin++;
      return spin;
    });
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `[${Array.from({ length: 1000 }, (_, i) => call(i, "work")).join(",")}]`,
    }).then((r) => r.json() as Promise<unknown[]>);
    delay.disable();
    expect(response).toHaveLength(1000);
    // A second of work, done in slices: before, it held the loop for the whole second.
    expect(delay.max / 1e6).toBeLessThan(250);
  });

  it("answers a 10 MB hex parameter with Invalid params", async () => {
    const { port } = await serve();
    const huge = `0x${"ab".repeat(5_000_000)}`;
    const ws = await open(port);
    const answer = new Promise<{ result?: number; error?: { code: number } }>((r) =>
      ws.once("message", (m) => r(JSON.parse(String(m)))),
    );
    ws.send(call(1, "hex", [huge]));
    expect((await answer).result).toBe(5_000_000);
    const odd = new Promise<{ error?: { code: number } }>((r) =>
      ws.once("message", (m) => r(JSON.parse(String(m)))),
    );
    ws.send(call(2, "hex", [`${huge}0`]));
    expect((await odd).error?.code).toBe(-32602);
  });
});

describe("connections", () => {
  it("limits the connections of one IP address below the server's limit", async () => {
    const { server, port } = await serve({ maxConnections: 10, maxConnectionsPerIp: 4 });
    for (let i = 0; i < 4; i++) await open(port);
    const refused = new WebSocket(`ws://127.0.0.1:${port}/`);
    sockets.push(refused);
    const status = await new Promise<number>((resolve) =>
      refused.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(429);
    expect(server.connections).toBe(4);
    sockets[0]!.close();
    await until("a slot is free again", () => server.connections === 3);
    await open(port);
    expect(server.connections).toBe(4);
  });

  it("limits subscriptions on the whole server", async () => {
    const { port } = await serve({ maxSubscriptions: 3 });
    const a = await open(port);
    const b = await open(port);
    const answers: Array<{ id: number; error?: { code: number; message: string } }> = [];
    for (const ws of [a, b]) ws.on("message", (m) => answers.push(JSON.parse(String(m))));
    a.send(call(1, "fire_subscribe"));
    a.send(call(2, "fire_subscribe"));
    b.send(call(3, "fire_subscribe"));
    b.send(call(4, "fire_subscribe"));
    await until("four answers", () => answers.length === 4);
    expect(answers.find((x) => x.id === 4)?.error).toEqual({
      code: -32000,
      message: "Too many subscriptions on this node (the limit is 3); try again later",
    });
  });
});
