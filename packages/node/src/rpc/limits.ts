/**
 * What one JSON-RPC server lets its clients use, so that no client can crash, stall or starve the
 * node. Substrate's defaults where it has the limit (connections, request and response size,
 * subscriptions per connection, the message buffer per connection); the others are Canary's.
 * Each has a `canary` flag (cli/rpcFlags.ts) and is described in docs/operations.md.
 */
const MIB = 1024 * 1024;

export interface RpcLimits {
  /** Open WebSocket connections (`--rpc-max-connections`, Substrate's 100). */
  maxConnections: number;
  /** Open WebSocket connections from one IP address (`--rpc-max-connections-per-ip`): below the total, so one client cannot take every slot. */
  maxConnectionsPerIp: number;
  /** Bytes of one request (`--rpc-max-request-size` in MiB, Substrate's 15). */
  maxRequestBytes: number;
  /** Bytes of one response, a batch's included, counted while it is built (`--rpc-max-response-size` in MiB, Substrate's 15). */
  maxResponseBytes: number;
  /** Calls in one batch (`--rpc-max-batch-request-len`). */
  maxBatchLength: number;
  /** Subscriptions on one connection (`--rpc-max-subscriptions-per-connection`, Substrate's 1024). */
  maxSubscriptionsPerConnection: number;
  /** Subscriptions on the whole server (`--rpc-max-subscriptions`). */
  maxSubscriptions: number;
  /** Keys in one `state_subscribeStorage` (`--rpc-max-storage-keys-per-subscription`). */
  maxKeysPerStorageSubscription: number;
  /** Keys watched by all storage subscriptions together (`--rpc-max-subscribed-storage-keys`): their memory. */
  maxSubscribedStorageKeys: number;
  /**
   * Messages (responses and notifications) a connection may have waiting to be sent before the
   * server stops reading its requests (`--rpc-message-buffer-capacity-per-connection`, Substrate's 64).
   */
  messageBufferCapacity: number;
  /** Bytes waiting to be sent to one connection before it is disconnected as a client that does not read (`--rpc-max-send-buffer` in MiB). */
  maxSendBufferBytes: number;
  /** Bytes waiting to be sent to all connections together; over it the connection holding the most is disconnected. */
  maxSendBufferTotalBytes: number;
  /** Milliseconds of RPC work before the server yields the event loop to timers (slots) and I/O. */
  sliceMs: number;
}

export const DEFAULT_RPC_LIMITS: RpcLimits = {
  maxConnections: 100,
  maxConnectionsPerIp: 32,
  maxRequestBytes: 15 * MIB,
  maxResponseBytes: 15 * MIB,
  maxBatchLength: 1000,
  maxSubscriptionsPerConnection: 1024,
  maxSubscriptions: 16 * 1024,
  maxKeysPerStorageSubscription: 1000,
  maxSubscribedStorageKeys: 100_000,
  messageBufferCapacity: 64,
  maxSendBufferBytes: 16 * MIB,
  maxSendBufferTotalBytes: 256 * MIB,
  sliceMs: 4,
};
