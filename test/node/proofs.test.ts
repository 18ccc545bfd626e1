/**
 * Execution proofs: the nodes a call read are enough to run it again, on nothing else, to the same
 * answer (what a light client does with a `light/2` remote-call response), and no node is spare.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devKeypair, initCrypto } from "@canary/crypto";
import {
  BlockState,
  buildGenesisInMemory,
  Chain,
  type Database,
  Executor,
  NodeHost,
  openDatabase,
  proveCall,
} from "@canary/node";
import { blake2_256, blockHash, isWasm, toHex, WELL_KNOWN_KEYS } from "@canary/primitives";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callEnvelopeWasm } from "../../packages/node/src/executor/envelopeWasm.ts";
import { relayBundle } from "../relay/harness.ts";

let chain: Chain;
let db: Database;
let dir: string;
const executor = new Executor();
let input: Uint8Array;

beforeAll(async () => {
  await initCrypto();
  input = devKeypair("Alice").publicKey;
  const code = (await relayBundle()).code;
  const genesis = buildGenesisInMemory(executor, code, { preset: "development" });
  dir = mkdtempSync(join(tmpdir(), "canary-proof-"));
  db = openDatabase({
    path: join(dir, "db"),
    chain: { genesisHash: blockHash(genesis.header), chainId: "dev" },
  });
  chain = new Chain({ db, executor, genesis });
}, 60_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `method` on a state that has only `proof`'s nodes. */
function replay(proof: Uint8Array[], method: string, input: Uint8Array): Uint8Array {
  const nodes = new Map(proof.map((n) => [toHex(blake2_256(n)), n]));
  const store = { get: (hash: Uint8Array) => nodes.get(toHex(hash)) };
  const host = new NodeHost(new BlockState({ store, root: chain.header(chain.genesisHash)!.stateRoot }));
  const code = host.storageGet(WELL_KNOWN_KEYS.code)!;
  return executor.call(code, method, input, host);
}

describe("proveCall", () => {
  const method = "AccountNonceApi_account_nonce";

  it("gives the call's output and the nodes that let a verifier run it again to the same output", () => {
    const { output, proof } = proveCall(chain, chain.genesisHash, method, input);
    expect(toHex(output)).toBe(toHex(chain.call(chain.genesisHash, method, input)));
    expect(toHex(replay(proof, method, input))).toBe(toHex(output));
    // :code is in the proof: the verifier runs the code the block has.
    expect(proof.some((n) => n.length > 100_000)).toBe(true);
  });

  it("needs every node it gives: without any one of them the call cannot run", () => {
    const { proof } = proveCall(chain, chain.genesisHash, method, input);
    for (let i = 0; i < proof.length; i++) {
      const missing = proof.filter((_, j) => j !== i);
      expect(() => replay(missing, method, input)).toThrow();
    }
  });

  it("proves a call the envelope answers in Wasm by what that Wasm reads, as a light client runs it", () => {
    for (const wasmMethod of ["BabeApi_current_epoch", "BabeApi_next_epoch", "GrandpaApi_current_set_id"]) {
      const { output, proof } = proveCall(chain, chain.genesisHash, wasmMethod, new Uint8Array());
      // The Wasm's answer is the JavaScript runtime's.
      expect(toHex(output)).toBe(toHex(chain.call(chain.genesisHash, wasmMethod, new Uint8Array())));
      // The proof runs the Wasm again, on nothing else, to the same answer.
      const nodes = new Map(proof.map((n) => [toHex(blake2_256(n)), n]));
      const store = { get: (hash: Uint8Array) => nodes.get(toHex(hash)) };
      const host = new NodeHost(new BlockState({ store, root: chain.header(chain.genesisHash)!.stateRoot }));
      const code = host.storageGet(WELL_KNOWN_KEYS.code)!;
      expect(isWasm(code)).toBe(true);
      expect(toHex(callEnvelopeWasm(code, wasmMethod, new Uint8Array(), (k) => host.storageGet(k)))).toBe(
        toHex(output),
      );
    }
  });

  it("refuses an unknown block", () => {
    expect(() => proveCall(chain, new Uint8Array(32), method, input)).toThrow(/not known/);
  });
});
