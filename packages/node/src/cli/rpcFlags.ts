/** The `--rpc-*` limit flags (rpc/limits.ts), as Substrate names those it has. */
import { DEFAULT_RPC_LIMITS, type RpcLimits } from "../rpc/limits.ts";
import { CliError } from "./errors.ts";

const MIB = 1024 * 1024;

/** flag → [limit, unit multiplier (MiB flags), smallest allowed]. */
const FLAGS: Record<string, [keyof RpcLimits, number, number]> = {
  "rpc-max-connections": ["maxConnections", 1, 1],
  "rpc-max-connections-per-ip": ["maxConnectionsPerIp", 1, 1],
  "rpc-max-request-size": ["maxRequestBytes", MIB, 1],
  "rpc-max-response-size": ["maxResponseBytes", MIB, 1],
  "rpc-max-batch-request-len": ["maxBatchLength", 1, 1],
  "rpc-max-subscriptions-per-connection": ["maxSubscriptionsPerConnection", 1, 0],
  "rpc-max-subscriptions": ["maxSubscriptions", 1, 0],
  "rpc-max-storage-keys-per-subscription": ["maxKeysPerStorageSubscription", 1, 1],
  "rpc-max-subscribed-storage-keys": ["maxSubscribedStorageKeys", 1, 1],
  "rpc-message-buffer-capacity-per-connection": ["messageBufferCapacity", 1, 1],
  "rpc-max-send-buffer": ["maxSendBufferBytes", MIB, 1],
};

export const RPC_LIMIT_OPTIONS = Object.fromEntries(
  Object.keys(FLAGS).map((f) => [f, { type: "string" as const }]),
) as Record<string, { type: "string" }>;

export const RPC_LIMIT_USAGE = Object.entries(FLAGS)
  .map(([flag, [key, unit]]) => {
    const value = DEFAULT_RPC_LIMITS[key] / unit;
    return `  --${flag} <n>`.padEnd(52) + `default ${value}${unit === MIB ? " MiB" : ""}`;
  })
  .join("\n");

/** The limits the flags set; throws CLI_BAD_FLAG for a value that is not a whole number in range. */
export function parseRpcLimits(values: Record<string, unknown>): Partial<RpcLimits> {
  const limits: Partial<RpcLimits> = {};
  for (const [flag, [key, unit, min]] of Object.entries(FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (typeof raw !== "string" || !Number.isInteger(n) || n < min || n > 1_000_000_000) {
      throw new CliError("CLI_BAD_FLAG", `--${flag} must be a whole number ≥ ${min}, got ${String(raw)}`);
    }
    limits[key] = n * unit;
  }
  const total = limits.maxConnections ?? DEFAULT_RPC_LIMITS.maxConnections;
  const perIp = limits.maxConnectionsPerIp ?? Math.min(DEFAULT_RPC_LIMITS.maxConnectionsPerIp, total);
  if (perIp > total) {
    throw new CliError(
      "CLI_BAD_FLAG",
      `--rpc-max-connections-per-ip (${perIp}) cannot exceed --rpc-max-connections (${total})`,
    );
  }
  if (limits.maxConnections !== undefined && limits.maxConnectionsPerIp === undefined)
    limits.maxConnectionsPerIp = perIp;
  return limits;
}
