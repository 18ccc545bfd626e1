/**
 * Whether an error says the database is damaged (LMDB's corruption, a lost canonical block, a
 * missing or corrupt trie node): such a failure is the node's, so it stops rather than answer it as
 * a client error or build on the damage.
 */
const DAMAGE_CODES = new Set(["DB_CORRUPT", "CHAIN_CORRUPT", "TRIE_MISSING_NODE", "TRIE_CORRUPT_NODE"]);

/** Whether `error`, or an error it wraps, says the database is damaged. */
export function isDatabaseDamage(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (DAMAGE_CODES.has((e as { code?: string }).code ?? "")) return true;
  }
  return false;
}

/** The damage `error` reports, as `CODE: what`, for the log line that stops the node. */
export function damageMessage(error: unknown): string {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: string }).code ?? "";
    if (DAMAGE_CODES.has(code)) return `${code}: ${e.message.split(". Delete it")[0]}`;
  }
  return String(error);
}
