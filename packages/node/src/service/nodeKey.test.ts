import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initCrypto } from "@canary/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNodeKey, peerId } from "./nodeKey.ts";

beforeAll(() => initCrypto());

describe("node key", () => {
  it("gives Substrate's peer id for the well-known key 0x00…01", () => {
    const seed = new Uint8Array(32);
    seed[31] = 1;
    expect(peerId(seed)).toBe("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp");
  });

  it("creates the key once and keeps it; refuses a damaged key file", () => {
    const dir = mkdtempSync(join(tmpdir(), "canary-key-"));
    try {
      const first = loadNodeKey(dir);
      expect(loadNodeKey(dir)).toEqual(first);
      writeFileSync(join(dir, "network", "secret_ed25519"), new Uint8Array(5));
      expect(() => loadNodeKey(dir)).toThrow(/not a 32-byte ed25519 secret/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
