import { CanaryError } from "@canary/primitives";
import { describe, expect, it } from "vitest";
import {
  AuthorshipError,
  ChainError,
  CliError,
  DbError,
  ExecutorError,
  GenesisError,
  NetworkError,
  type NodeErrorCode,
  OverlayError,
  PoolError,
  RPC_CODES,
  RpcError,
  ServiceError,
  SyncError,
} from "./errors.ts";

// The codes the node raised before they were typed, which tests, docs and users match on: each
// must still be a code of the index (tsc refuses this list otherwise).
const KEPT: NodeErrorCode[] = [
  "BLOCK_BAD_SEAL",
  "BLOCK_WRONG_SLOT",
  "CHAIN_BAD_GENESIS",
  "CHAIN_BAD_NUMBER",
  "CHAIN_BAD_STATE_ROOT",
  "CHAIN_BELOW_FINALIZED",
  "CHAIN_CORRUPT",
  "CHAIN_FINALITY_REVERT",
  "CHAIN_NOT_CANONICAL",
  "CHAIN_NO_CODE",
  "CHAIN_STATE_PRUNED",
  "CHAIN_UNKNOWN_BLOCK",
  "CHAIN_UNKNOWN_PARENT",
  "CLI_BAD_FLAG",
  "DB_CHAIN_MISMATCH",
  "GENESIS_BUILD_FAILED",
  "GENESIS_DUPLICATE_KEY",
  "GENESIS_NO_CODE",
  "GENESIS_UNKNOWN_PRESET",
  "HOST_FUNCTION_FAILED",
  "HOST_NO_KEYSTORE",
  "KEYSTORE_BAD_KEY",
  "NETWORK_BAD_ADDRESS",
  "NETWORK_BAD_MESSAGE",
  "NETWORK_BAD_RESPONSE",
  "NETWORK_LISTEN_FAILED",
  "NETWORK_NO_COMMON_ANCESTOR",
  "NETWORK_WRONG_GENESIS",
  "NODE_BAD_CHAIN_SPEC",
  "NODE_BAD_NODE_KEY",
  "NODE_LOCKED",
  "NODE_NO_AUTHORING_KEY",
  "NODE_UNKNOWN_CHAIN",
  "POOL_ALREADY_IMPORTED",
  "POOL_INVALID",
  "RUNTIME_INVALID_CODE",
  "RUNTIME_PANIC",
  "STATE_NO_TRANSACTION",
  "STATE_TRANSACTION_OPEN",
];

describe("the node's errors", () => {
  it("are CanaryErrors named after their class, with their code, message and cause", () => {
    const cause = new Error("underneath");
    const errors = [
      new AuthorshipError("AUTHOR_NO_SLOT", "m", { cause }),
      new ChainError("BLOCK_WRONG_SLOT", "m", { cause }),
      new CliError("CLI_BAD_FLAG", "m", { cause }),
      new DbError("DB_CLOSED", "m", { cause }),
      new ExecutorError("RUNTIME_PANIC", "m", { cause }),
      new GenesisError("GENESIS_NO_CODE", "m", { cause }),
      new NetworkError("NETWORK_LISTEN_FAILED", "m", { cause }),
      new OverlayError("HOST_NO_KEYSTORE", "m", { cause }),
      new ServiceError("NODE_BAD_CHAIN_SPEC", "m", { cause }),
      new SyncError("NETWORK_TIMEOUT", "m", { cause }),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(CanaryError);
      expect(e.name).toBe(e.constructor.name);
      expect(e.message).toBe("m");
      expect(e.cause).toBe(cause);
    }
    expect(errors.map((e) => e.code)).toContain("BLOCK_WRONG_SLOT");
    expect(KEPT).toHaveLength(new Set(KEPT).size);
  });

  it("give pool refusals a code and the author API's JSON-RPC code", () => {
    const e = new PoolError("tooLowPriority", "a transaction with the same tag pays more");
    expect([e.code, e.rpcCode, e.message]).toEqual([
      "POOL_TOO_LOW_PRIORITY",
      1014,
      "Priority is too low: a transaction with the same tag pays more",
    ]);
    expect(new RpcError(RPC_CODES.invalidBlock, "not pinned").code).toBe(-32801);
  });
});
