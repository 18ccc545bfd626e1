/**
 * Every error the node raises, by subsystem. Each subsystem lists its codes in its own
 * `errors.ts`, with what each means; this is the index of them all. All but `RpcError` are
 * `CanaryError`s with a string code; `RpcError` carries a JSON-RPC code for the client.
 */
import type { AuthorshipErrorCode } from "./authorship/errors.ts";
import type { ChainErrorCode } from "./chain/errors.ts";
import type { CliErrorCode } from "./cli/errors.ts";
import type { DbErrorCode } from "./db/errors.ts";
import type { ExecutorErrorCode } from "./executor/errors.ts";
import type { GenesisErrorCode } from "./genesis/errors.ts";
import type { NetworkErrorCode } from "./network/errors.ts";
import type { OverlayErrorCode } from "./overlay/errors.ts";
import type { ServiceErrorCode } from "./service/errors.ts";
import type { SyncErrorCode } from "./sync/errors.ts";
import type { PoolErrorCode } from "./txpool/errors.ts";

export { AuthorshipError, type AuthorshipErrorCode } from "./authorship/errors.ts";
export {
  ChainError,
  type ChainErrorCode,
  type ImportFault,
  importFault,
  isInvalidBlock,
} from "./chain/errors.ts";
export { CliError, type CliErrorCode } from "./cli/errors.ts";
export { DbError, type DbErrorCode } from "./db/errors.ts";
export { ExecutorError, type ExecutorErrorCode } from "./executor/errors.ts";
export { GenesisError, type GenesisErrorCode } from "./genesis/errors.ts";
export { NetworkError, type NetworkErrorCode } from "./network/errors.ts";
export { OverlayError, type OverlayErrorCode } from "./overlay/errors.ts";
export { RPC_CODES, RpcError, type RpcErrorCode } from "./rpc/errors.ts";
export { ServiceError, type ServiceErrorCode } from "./service/errors.ts";
export { SyncError, type SyncErrorCode } from "./sync/errors.ts";
export { POOL_ERRORS, PoolError, type PoolErrorCode, type PoolErrorKind } from "./txpool/errors.ts";

/** Any code a `CanaryError` raised by the node may carry. */
export type NodeErrorCode =
  | AuthorshipErrorCode
  | ChainErrorCode
  | CliErrorCode
  | DbErrorCode
  | ExecutorErrorCode
  | GenesisErrorCode
  | NetworkErrorCode
  | OverlayErrorCode
  | PoolErrorCode
  | ServiceErrorCode
  | SyncErrorCode;
