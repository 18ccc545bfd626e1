import { fileURLToPath } from "node:url";
import { bundleRuntime, type RuntimeBundle } from "@canary/bundler";
import { blake2_256, concatBytes } from "@canary/primitives";
import { beforeAll, describe, expect, it } from "vitest";
import { ExecutorError } from "./errors.ts";
import { Executor } from "./executor.ts";
import { mapHost } from "./testHost.ts";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const source = (text: string): Uint8Array => new TextEncoder().encode(text);

function failure(run: () => unknown): ExecutorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExecutorError);
    return error as ExecutorError;
  }
  throw new Error("expected the call to fail");
}

let echo: RuntimeBundle;
let other: RuntimeBundle;
let noExports: RuntimeBundle;

beforeAll(async () => {
  echo = await bundleRuntime(fixture("echo.ts"));
  other = await bundleRuntime(fixture("other.ts"));
  noExports = await bundleRuntime(fixture("noExports.ts"));
});

describe("Executor", () => {
  it("echoes input and returns host-realm bytes", () => {
    const out = new Executor().call(echo.code, "echo", bytes(1, 2, 3), mapHost());
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out).toEqual(bytes(1, 2, 3));
  });

  it("reads and writes host storage", () => {
    const executor = new Executor();
    const host = mapHost();
    expect(executor.call(echo.code, "store", bytes(7, 8), host)).toEqual(bytes(7, 8));
    expect([...host.storage.values()]).toEqual([bytes(7, 8)]);
    expect(executor.call(echo.code, "load", bytes(), host)).toEqual(bytes(7, 8));
    expect(executor.call(echo.code, "load", bytes(), mapHost())).toEqual(bytes(0xff));
  });

  it("hands the host arguments over 64 bytes intact, each call's its own", () => {
    const executor = new Executor();
    const host = mapHost();
    const first = new Uint8Array(100).fill(1);
    const second = Uint8Array.from({ length: 300 }, (_, i) => i & 255);
    expect(executor.call(echo.code, "store", first, host)).toEqual(first);
    const kept = [...host.storage.values()][0]!;
    expect(executor.call(echo.code, "store", second, host)).toEqual(second);
    expect(kept).toEqual(first); // a later call's arguments do not overwrite an earlier one's
    expect([...host.storage.values()]).toEqual([second]);
    expect(executor.call(echo.code, "hash", second, host)).toEqual(
      concatBytes(blake2_256(second), blake2_256(second)),
    );
  });

  it("runs bundled workspace code and host hashing to the same result", () => {
    const input = bytes(1, 2, 3);
    const out = new Executor().call(echo.code, "hash", input, mapHost());
    expect(out).toEqual(concatBytes(blake2_256(input), blake2_256(input)));
  });

  it("bridges realms both ways: the runtime sees its own Uint8Array, the host its own", () => {
    const executor = new Executor();
    const host = mapHost();
    executor.call(echo.code, "store", bytes(5), host);
    host.received.length = 0;
    const out = executor.call(echo.code, "realm", bytes(9), host);
    // input, storageGet result, orderedTrieRoot result, {removed, complete} record.
    expect(out).toEqual(bytes(1, 1, 1, 1, 1, 1));
    expect(host.received.length).toBeGreaterThan(3);
    for (const value of host.received) {
      expect(value instanceof Uint8Array || Array.isArray(value)).toBe(true);
    }
    expect(host.storage.size).toBe(0);
  });

  it("copies bytes: the runtime cannot alias the host's buffers", () => {
    const input = bytes(1, 2, 3);
    const out = new Executor().call(echo.code, "echo", input, mapHost());
    expect(out.buffer).not.toBe(input.buffer);
  });

  it("passes log messages through", () => {
    const host = mapHost();
    new Executor().call(echo.code, "log", bytes(), host);
    expect(host.logs).toEqual(["info echo hello"]);
  });

  it("compiles each code hash once", () => {
    const executor = new Executor();
    const host = mapHost();
    for (let i = 0; i < 5; i++) executor.call(echo.code, "echo", bytes(i), host);
    executor.call(echo.code, "echo", bytes(), host, echo.codeHash);
    expect(executor.compilations).toBe(1);
    executor.call(other.code, "anything", bytes(), host);
    expect(executor.compilations).toBe(2);
  });

  it("evicts the least recently used runtime beyond its cache size", () => {
    const executor = new Executor({ cacheSize: 1 });
    const host = mapHost();
    executor.call(echo.code, "echo", bytes(), host);
    executor.call(other.code, "x", bytes(), host);
    executor.call(echo.code, "echo", bytes(), host);
    expect(executor.compilations).toBe(3);
  });

  it("keeps two different runtimes apart", () => {
    const executor = new Executor();
    const host = mapHost();
    expect(executor.call(other.code, "echo", bytes(1), host)).toEqual(bytes(2));
    expect(executor.call(echo.code, "echo", bytes(1), host)).toEqual(bytes(1));
    expect(executor.call(other.code, "echo", bytes(1), host)).toEqual(bytes(2));
  });

  it("turns a runtime throw into RUNTIME_PANIC with the method and message, and recovers", () => {
    const executor = new Executor();
    const host = mapHost();
    const error = failure(() => executor.call(echo.code, "panic", bytes(), host));
    expect(error.code).toBe("RUNTIME_PANIC");
    expect(error.method).toBe("panic");
    expect(error.message).toContain("panic panicked: Error: deliberate panic");
    expect(error.cause).toBeUndefined();
    expect(executor.call(echo.code, "echo", bytes(4), host)).toEqual(bytes(4));
  });

  it("reports an unknown entry point as the runtime's panic", () => {
    const error = failure(() => new Executor().call(echo.code, "Nope_nope", bytes(), mapHost()));
    expect(error.code).toBe("RUNTIME_PANIC");
    expect(error.message).toContain("unknown entry point Nope_nope");
  });

  it("reports a stack overflow as a panic, not a crash", () => {
    const executor = new Executor();
    const error = failure(() => executor.call(echo.code, "recurse", bytes(), mapHost()));
    expect(error.code).toBe("RUNTIME_PANIC");
    expect(error.message).toContain("Maximum call stack size exceeded");
    expect(executor.call(echo.code, "echo", bytes(1), mapHost())).toEqual(bytes(1));
  });

  it("reports a failing host function even when the runtime swallows it", () => {
    const error = failure(() => new Executor().call(echo.code, "hostFails", bytes(), mapHost()));
    expect(error.code).toBe("HOST_FUNCTION_FAILED");
    expect((error.cause as Error).message).toBe("disk on fire");
  });

  it("panics on arguments the host API cannot carry and on a result that is not bytes", () => {
    const executor = new Executor();
    const bad = failure(() => executor.call(echo.code, "badArgument", bytes(), mapHost()));
    expect(bad.code).toBe("RUNTIME_PANIC");
    expect(bad.message).toContain("arguments must be bytes");
    const notBytes = failure(() => executor.call(echo.code, "notBytes", bytes(), mapHost()));
    expect(notBytes.code).toBe("RUNTIME_PANIC");
  });

  it("rejects code that does not evaluate or does not define canaryRuntime", () => {
    const executor = new Executor();
    for (const code of [
      noExports.code,
      source("this is not javascript"),
      source("throw new Error('boom')"),
      bytes(0xff, 0xfe),
    ]) {
      const error = failure(() => executor.call(code, "Core_version", bytes(), mapHost()));
      expect(error.code).toBe("RUNTIME_INVALID_CODE");
    }
    const noCall = failure(() =>
      executor.call(source("globalThis.canaryRuntime = {}"), "x", bytes(), mapHost()),
    );
    expect(noCall.code).toBe("RUNTIME_INVALID_CODE");
  });
});
