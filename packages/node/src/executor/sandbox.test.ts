// Determinism and isolation: every nondeterministic or escaping facility is unavailable.
import { fileURLToPath } from "node:url";
import { bundleRuntime, type RuntimeBundle } from "@canary/bundler";
import { beforeAll, describe, expect, it } from "vitest";
import { ExecutorError } from "./errors.ts";
import { Executor } from "./executor.ts";
import { mapHost } from "./testHost.ts";

let forbidden: RuntimeBundle;
beforeAll(async () => {
  forbidden = await bundleRuntime(fileURLToPath(new URL("./fixtures/forbidden.ts", import.meta.url)));
});

const attempts = [
  "dateNow",
  "newDate",
  "mathRandom",
  "setTimeout",
  "process",
  "require",
  "dynamicImport",
  "eval",
  "newFunction",
  "constructorEscape",
  "hostFunctionEscape",
  "sharedArrayBuffer",
  "weakRef",
  "finalizationRegistry",
  "intl",
  "atomics",
  "performance",
  "queueMicrotask",
  "fetch",
  "webAssembly",
  "localeCompare",
  "toLocaleString",
  "promise",
  "asyncFunction",
  "prepareStackTrace",
];

describe("runtime sandbox", () => {
  const executor = new Executor();

  it.each(attempts)("%s is unavailable", (method) => {
    let outcome: string;
    try {
      const out = executor.call(forbidden.code, method, new Uint8Array(), mapHost());
      outcome = out[0] === 0 ? "unavailable" : "AVAILABLE";
    } catch (error) {
      expect(error).toBeInstanceOf(ExecutorError);
      expect((error as ExecutorError).code).toBe("RUNTIME_PANIC");
      outcome = "unavailable";
    }
    expect(outcome).toBe("unavailable");
  });

  it.each([
    'import("fs")',
    "import ( 'fs' )",
    "import /* c */ ('fs')",
    "import // c\n('fs')",
    "import<!-- c\n('fs')",
  ])("refuses a hand-written bundle with native %s", (expression) => {
    // Node rejects a native import() with a host-realm error, whose constructor is the host's Function.
    const code = new TextEncoder().encode(`
      let escaped = "pending";
      ${expression}.then(undefined, (e) => { escaped = typeof e.constructor.constructor("return process")(); });
      globalThis.canaryRuntime = { call: () => new Uint8Array([escaped === "object" ? 1 : 0]) };`);
    let error: unknown;
    try {
      executor.call(code, "check", new Uint8Array(), mapHost());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExecutorError);
    expect((error as ExecutorError).code).toBe("RUNTIME_INVALID_CODE");
  });

  it("allows a method named import", () => {
    const code = new TextEncoder().encode(
      "const o = {}; o['import'] = (x) => x; globalThis.canaryRuntime = { call: (m, i) => o.import(i) };",
    );
    expect(executor.call(code, "x", new Uint8Array([3]), mapHost())).toEqual(new Uint8Array([3]));
  });

  it("a panic leaves the runtime usable", () => {
    expect(() => executor.call(forbidden.code, "dateNow", new Uint8Array(), mapHost())).toThrow(
      ExecutorError,
    );
    let error: ExecutorError | undefined;
    try {
      executor.call(forbidden.code, "no-such", new Uint8Array(), mapHost());
    } catch (e) {
      error = e as ExecutorError;
    }
    expect(error?.message).toContain("unknown entry point no-such");
  });
});
