import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { until } from "../../../../test/support/until.ts";
import { RPC_CODES, RpcError } from "./errors.ts";
import { RpcServer, type RpcServerOptions, type Sink } from "./rpcServer.ts";

const servers: RpcServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const s of servers.splice(0)) await s.close();
});

async function serve(options: Partial<RpcServerOptions> = {}) {
  const server = new RpcServer({ port: 0, ...options });
  servers.push(server);
  server.register("echo", (params) => params);
  server.register("boom", () => {
    throw new Error("secret detail");
  });
  server.register("strict", (params) => {
    if (!Array.isArray(params) || typeof params[0] !== "number")
      throw new RpcError(RPC_CODES.invalidParams, "Invalid params: expected a number");
    return params[0] * 2;
  });
  server.register("pool", () => {
    throw new RpcError(1010, "Invalid Transaction", "Invalid(BadProof)");
  });
  server.register("danger", () => "done", { unsafe: true });
  const sinks: Sink[] = [];
  let stopped = 0;
  server.registerSubscription({
    subscribe: "ticks_subscribe",
    unsubscribe: "ticks_unsubscribe",
    notification: "ticks_tick",
    start: (_params, sink) => {
      sinks.push(sink);
      return () => {
        stopped++;
      };
    },
  });
  const { port } = await server.listen();
  return { server, port, sinks, stopped: () => stopped };
}

async function http(port: number, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function connect(port: number, origin?: string): Promise<WebSocket & { next(): Promise<unknown> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, origin ? { origin } : {});
  sockets.push(ws);
  const queue: unknown[] = [];
  const waiters: Array<(v: unknown) => void> = [];
  ws.on("message", (data) => {
    const v = JSON.parse(String(data));
    const w = waiters.shift();
    if (w) w(v);
    else queue.push(v);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return Object.assign(ws, {
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r))),
  });
}

const call = (id: number, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

describe("RpcServer", () => {
  it("answers the same call over WebSocket and HTTP", async () => {
    const { port } = await serve();
    const ws = await connect(port);
    ws.send(call(1, "echo", [1, "a"]));
    expect(await ws.next()).toEqual({ jsonrpc: "2.0", id: 1, result: [1, "a"] });
    expect(JSON.parse((await http(port, call(2, "echo", { a: 1 }))).text)).toEqual({
      jsonrpc: "2.0",
      id: 2,
      result: { a: 1 },
    });
  });

  it("gives every malformed request its standard error", async () => {
    const { port } = await serve();
    const codeOf = async (body: string) => JSON.parse((await http(port, body)).text).error?.code;
    expect(await codeOf("{not json")).toBe(-32700);
    expect(await codeOf("[]")).toBe(-32600);
    expect(await codeOf("7")).toBe(-32600);
    expect(await codeOf(JSON.stringify({ jsonrpc: "1.0", id: 1, method: "echo" }))).toBe(-32600);
    expect(await codeOf(JSON.stringify({ jsonrpc: "2.0", id: {}, method: "echo" }))).toBe(-32600);
    expect(await codeOf(JSON.stringify({ jsonrpc: "2.0", id: 1, method: 5 }))).toBe(-32600);
    expect(await codeOf(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "echo", params: 3 }))).toBe(-32600);
    expect(await codeOf(call(1, "nope"))).toBe(-32601);
    expect(await codeOf(call(1, "strict", ["x"]))).toBe(-32602);
    const internal = JSON.parse((await http(port, call(1, "boom"))).text);
    expect(internal.error).toEqual({ code: -32603, message: "Internal error" });
    expect(JSON.parse((await http(port, call(1, "pool"))).text).error).toEqual({
      code: 1010,
      message: "Invalid Transaction",
      data: "Invalid(BadProof)",
    });
  });

  it("serves a batch entry by entry, and owes nothing for notifications", async () => {
    const { port } = await serve();
    const batch = `[${call(1, "strict", [2])},{"jsonrpc":"2.0","method":"echo"},${call(3, "nope")},5]`;
    const out = JSON.parse((await http(port, batch)).text);
    expect(out).toEqual([
      { jsonrpc: "2.0", id: 1, result: 4 },
      { jsonrpc: "2.0", id: 3, error: { code: -32601, message: "Method not found" } },
      { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid request: not an object" } },
    ]);
    expect((await http(port, `{"jsonrpc":"2.0","method":"echo"}`)).text).toBe("");
    const tooLong = `[${Array.from({ length: 3 }, (_, i) => call(i, "echo")).join(",")}]`;
    const { port: small } = await serve({ maxBatchLength: 2 });
    expect(JSON.parse((await http(small, tooLong)).text).error.code).toBe(-32600);
  });

  it("refuses unsafe methods under the safe policy and serves them under unsafe", async () => {
    const safe = await serve({ methods: "safe" });
    expect(JSON.parse((await http(safe.port, call(1, "danger"))).text).error).toEqual({
      code: -32601,
      message: "RPC call is unsafe to be called externally",
    });
    const unsafe = await serve({ methods: "unsafe" });
    expect(JSON.parse((await http(unsafe.port, call(1, "danger"))).text).result).toBe("done");
    const auto = await serve(); // on 127.0.0.1
    expect(JSON.parse((await http(auto.port, call(1, "danger"))).text).result).toBe("done");
  });

  it("runs subscriptions over WebSocket only, with notifications, unsubscribe, a limit and cleanup", async () => {
    const { port, sinks, stopped } = await serve({ maxSubscriptionsPerConnection: 2 });
    const ws = await connect(port);
    ws.send(call(1, "ticks_subscribe"));
    const { result: id } = (await ws.next()) as { result: string };
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    sinks[0]!.send({ n: 1 });
    sinks[0]!.send({ n: 2 });
    expect(await ws.next()).toEqual({
      jsonrpc: "2.0",
      method: "ticks_tick",
      params: { subscription: id, result: { n: 1 } },
    });
    expect(await ws.next()).toEqual({
      jsonrpc: "2.0",
      method: "ticks_tick",
      params: { subscription: id, result: { n: 2 } },
    });
    ws.send(call(2, "ticks_unsubscribe", [id]));
    expect(await ws.next()).toEqual({ jsonrpc: "2.0", id: 2, result: true });
    ws.send(call(3, "ticks_unsubscribe", [id]));
    expect(await ws.next()).toEqual({ jsonrpc: "2.0", id: 3, result: false });
    expect(stopped()).toBe(1);
    ws.send(call(4, "ticks_subscribe"));
    ws.send(call(5, "ticks_subscribe"));
    ws.send(call(6, "ticks_subscribe"));
    const replies = [await ws.next(), await ws.next(), await ws.next()] as Array<{
      id: number;
      error?: { code: number };
    }>;
    expect(replies.find((r) => r.id === 6)?.error?.code).toBe(-32000);
    ws.close();
    await until("the server stops the connection's subscriptions", () => stopped() >= 3);
    expect(stopped()).toBe(3); // the two open ones were stopped with the connection
    expect(JSON.parse((await http(port, call(7, "ticks_subscribe"))).text).error.code).toBe(-32601);
  });

  it("refuses connections over the limit while the others keep working", async () => {
    const { port } = await serve({ maxConnections: 2 });
    const a = await connect(port);
    await connect(port);
    await expect(connect(port)).rejects.toThrow(/503/);
    a.send(call(1, "echo", [1]));
    expect(await a.next()).toEqual({ jsonrpc: "2.0", id: 1, result: [1] });
  });

  it("refuses oversized requests: 413 over HTTP, a closed socket over WebSocket", async () => {
    const { port } = await serve({ maxRequestBytes: 1_000 });
    expect((await http(port, call(1, "echo", ["x".repeat(2_000)]))).status).toBe(413);
    const ws = await connect(port);
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.send(call(1, "echo", ["x".repeat(2_000)]));
    expect(await closed).toBe(1009);
    expect(JSON.parse((await http(port, call(2, "echo", [1]))).text).result).toEqual([1]);
  });

  it("allows localhost origins by default, the configured ones otherwise, and refuses the rest", async () => {
    const { port } = await serve();
    const ok = await http(port, call(1, "echo"), { Origin: "http://localhost:3000" });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect((await http(port, call(1, "echo"), { Origin: "https://evil.example" })).status).toBe(403);
    await expect(connect(port, "https://evil.example")).rejects.toThrow(/403/);
    const { port: listed } = await serve({ cors: ["https://app.example"] });
    expect((await http(listed, call(1, "echo"), { Origin: "https://app.example" })).status).toBe(200);
  });

  it("lists exactly its methods in rpc_methods", async () => {
    const { port } = await serve();
    const { result } = JSON.parse((await http(port, call(1, "rpc_methods"))).text);
    expect(result.methods).toEqual([
      "boom",
      "danger",
      "echo",
      "pool",
      "rpc_methods",
      "strict",
      "ticks_subscribe",
      "ticks_unsubscribe",
    ]);
  });
});
