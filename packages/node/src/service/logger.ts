/** Human log lines, Substrate's shape: `2026-11-24 02:00:00 ✨ Imported #3 (0x1234…abcd)`. */
export type Level = "error" | "warn" | "info" | "debug";

const ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function createLogger(
  level: Level = "info",
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const at = (l: Level) => (message: string) => {
    if (ORDER[l] > ORDER[level]) return;
    const time = new Date().toISOString().replace("T", " ").slice(0, 19);
    write(`${time} ${l === "info" ? "" : `${l.toUpperCase()} `}${message}`);
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/** `0x1234…abcd`, as Substrate shortens hashes in logs. */
export function shortHash(hex: string): string {
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}
