import { describe, expect, it } from "vitest";
import { loadOwnWasm } from "./ownWasm.ts";

describe("loadOwnWasm", () => {
  it("loads the committed modules", () => {
    expect(typeof loadOwnWasm<{ blake2b: unknown }>("hash.wasm", "hash module").blake2b).toBe("function");
    expect(typeof loadOwnWasm<{ verifyBatch: unknown }>("sr25519Batch.wasm", "batch").verifyBatch).toBe(
      "function",
    );
  });

  it("refuses a missing or damaged module with CRYPTO_INIT_FAILED, naming the file and the fix", () => {
    for (const name of ["missing.wasm", "ownWasm.ts"]) {
      expect(() => loadOwnWasm(name, "test module")).toThrow(
        expect.objectContaining({
          code: "CRYPTO_INIT_FAILED",
          message: expect.stringMatching(new RegExp(`test module .*${name.replace(".", "\\.")}.*build\\.sh`)),
        }),
      );
    }
  });
});
