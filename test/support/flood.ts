/**
 * The RPC floods of issue 15, each against a node on 127.0.0.1 and each stopped by its caller
 * (tests and bench/rpcFlood.ts run them for a few seconds): storage subscriptions by the
 * thousand, batches of metadata calls, a client that sends and never reads, and megabytes-long
 * hex parameters. Plus what is watched meanwhile: the node's RSS, its blocks' slots, and how long
 * a fresh client waits for an answer.
 */
import { readFileSync } from "node:fs";
import { findBabePreDigest } from "@canary/crypto";
import { DigestItem, fromHex, type Header } from "@canary/primitives";
import { WebSocket } from "ws";

export interface Flood {
  /** Requests sent so far. */
  readonly sent: number;
  stop(): void;
}

const request = (id: number, method: string, params: unknown[] = []) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

/** A connection, or undefined when the node refuses it or does not accept it within `timeoutMs`. */
async function open(port: number, timeoutMs = 10_000): Promise<WebSocket | undefined> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  ws.on("error", () => {}); // refused or dropped: what the node does to a flood
  const ok = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const done = (v: boolean) => {
      clearTimeout(timer);
      resolve(v);
    };
    ws.once("open", () => done(true));
    ws.once("close", () => done(false));
    ws.once("unexpected-response", () => done(false));
  });
  if (!ok) ws.terminate();
  return ok ? ws : undefined;
}

function keys(n: number, seed: number): string[] {
  return Array.from({ length: n }, (_, i) => `0x${(seed * 7919 + i).toString(16).padStart(64, "0")}`);
}

/** `connections` × `subscriptions` × `keysEach` storage subscriptions (those over the limits are refused). */
export async function subscriptionFlood(
  port: number,
  { connections = 10, subscriptions = 1024, keysEach = 200 } = {},
): Promise<Flood> {
  const sockets: WebSocket[] = [];
  let sent = 0;
  for (let c = 0; c < connections; c++) {
    const ws = await open(port);
    if (!ws) continue;
    sockets.push(ws);
    for (let s = 0; s < subscriptions; s++) {
      ws.send(request(++sent, "state_subscribeStorage", [keys(keysEach, c * subscriptions + s)]));
    }
  }
  return {
    get sent() {
      return sent;
    },
    stop: () => {
      for (const ws of sockets) ws.terminate();
    },
  };
}

/** Batches of `batch` `state_getMetadata` calls, one after another on each connection, as answers come. */
export async function metadataBatchFlood(
  port: number,
  { connections = 4, batch = 1000 } = {},
): Promise<Flood> {
  const sockets: WebSocket[] = [];
  let sent = 0;
  let stopped = false;
  const body = `[${Array.from({ length: batch }, (_, i) => request(i, "state_getMetadata")).join(",")}]`;
  for (let c = 0; c < connections; c++) {
    const ws = await open(port);
    if (!ws) continue;
    sockets.push(ws);
    const next = () => {
      if (stopped || ws.readyState !== ws.OPEN) return;
      sent++;
      ws.send(body);
    };
    ws.on("message", next);
    next();
  }
  return {
    get sent() {
      return sent;
    },
    stop: () => {
      stopped = true;
      for (const ws of sockets) ws.terminate();
    },
  };
}

/** A client that sends `state_getMetadata` calls as fast as it can and never reads an answer. */
export async function nonReadingFlood(port: number, { perTick = 200 } = {}): Promise<Flood> {
  const ws = await open(port);
  let sent = 0;
  let stopped = false;
  if (ws) {
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const tick = () => {
      if (stopped || ws.readyState !== ws.OPEN) return;
      // Only while the client's own unsent requests are few: the flood is the node's memory, not ours.
      if (ws.bufferedAmount < 1 << 20)
        for (let i = 0; i < perTick; i++) ws.send(request(++sent, "state_getMetadata"));
      setTimeout(tick, 5);
    };
    tick();
  }
  return {
    get sent() {
      return sent;
    },
    stop: () => {
      stopped = true;
      ws?.terminate();
    },
  };
}

/** Requests with a 10 MB hex parameter, one at a time. */
export async function hugeHexFlood(port: number): Promise<Flood & { answers: Array<{ code?: number }> }> {
  const ws = await open(port);
  let sent = 0;
  let stopped = false;
  const answers: Array<{ code?: number }> = [];
  const body = request(1, "state_getStorage", [`0x${"ab".repeat(5_000_000)}`]);
  if (ws) {
    ws.on("message", (m) => {
      answers.push({ code: (JSON.parse(String(m)) as { error?: { code: number } }).error?.code });
      if (!stopped && ws.readyState === ws.OPEN) {
        sent++;
        ws.send(body);
      }
    });
    sent++;
    ws.send(body);
  }
  return {
    get sent() {
      return sent;
    },
    answers,
    stop: () => {
      stopped = true;
      ws?.terminate();
    },
  };
}

/** The resident set size of process `pid`, in MiB (Linux). */
export function rssMib(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN; // the process is gone
  }
}

export interface SlotWatch {
  /** Slots of the best blocks announced, in order, with when each arrived. */
  readonly heads: Array<{ number: number; slot: bigint; at: number }>;
  stop(): void;
}

/** Follows new best blocks on a connection of its own and notes each one's BABE slot. */
export async function watchSlots(port: number): Promise<SlotWatch> {
  const ws = await open(port);
  if (!ws) throw new Error("cannot connect to watch blocks");
  const heads: SlotWatch["heads"] = [];
  ws.on("message", (m) => {
    const msg = JSON.parse(String(m)) as { params?: { result: HeaderJson } };
    const h = msg.params?.result;
    if (!h) return;
    const header: Header = {
      parentHash: fromHex(h.parentHash),
      number: Number.parseInt(h.number, 16),
      stateRoot: fromHex(h.stateRoot),
      extrinsicsRoot: fromHex(h.extrinsicsRoot),
      digest: h.digest.logs.map((l) => DigestItem.dec(fromHex(l))),
    };
    if (header.number === 0) return;
    heads.push({ number: header.number, slot: findBabePreDigest(header).value.slot, at: Date.now() });
  });
  ws.send(request(1, "chain_subscribeNewHeads"));
  return { heads, stop: () => ws.terminate() };
}

interface HeaderJson {
  parentHash: string;
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

/** Slots between the first and last of `heads` in which no block came (each slot is the one author's). */
export function missedSlots(heads: SlotWatch["heads"]): number {
  let missed = 0;
  for (let i = 1; i < heads.length; i++) missed += Number(heads[i]!.slot - heads[i - 1]!.slot - 1n);
  return missed;
}

/** Milliseconds a fresh connection takes to answer `system_health`. */
export async function freshClientLatency(port: number, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  const ws = await open(port, timeoutMs);
  if (!ws) return Number.POSITIVE_INFINITY;
  try {
    return await new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), timeoutMs);
      ws.once("message", () => {
        clearTimeout(timer);
        resolve(performance.now() - started);
      });
      ws.send(request(1, "system_health"));
    });
  } finally {
    ws.terminate();
  }
}
