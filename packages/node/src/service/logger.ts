/** Human log lines, Substrate's shape: `2026-11-24 02:00:00 ✨ Imported #3 (0x1234…abcd)`. */
export type Level = "error" | "warn" | "info" | "debug";

const ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** Changes what is logged at run time (`system_addLogFilter`, `system_resetLogFilter`). */
  readonly filter?: LogFilter;
}

export interface LogFilter {
  /**
   * Adds Substrate-style directives (`info`, `sync=debug,babe=warn`). Canary's lines have no
   * targets, so the most verbose level named becomes the level when it is more verbose.
   */
  add(directives: string): void;
  /** Back to the level the node started with. */
  reset(): void;
}

/** Substrate's levels, Canary's `trace` being `debug`. */
const DIRECTIVE_LEVELS: Record<string, Level> = {
  error: "error",
  warn: "warn",
  info: "info",
  debug: "debug",
  trace: "debug",
};

/** The most verbose level `directives` name; throws on a malformed one. */
export function parseDirectives(directives: string): Level {
  let most: Level = "error";
  for (const part of directives.split(",")) {
    const d = part.trim();
    if (d === "") continue;
    const name = (d.includes("=") ? d.slice(d.indexOf("=") + 1) : d).toLowerCase();
    const level = DIRECTIVE_LEVELS[name];
    if (level === undefined || (d.includes("=") && !/^[\w:-]+=/.test(d)))
      throw new Error(
        `invalid log directive ${JSON.stringify(d)}: expected [target=]error|warn|info|debug|trace`,
      );
    if (ORDER[level] > ORDER[most]) most = level;
  }
  return most;
}

export function createLogger(
  initial: Level = "info",
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  let level = initial;
  const at = (l: Level) => (message: string) => {
    if (ORDER[l] > ORDER[level]) return;
    const time = new Date().toISOString().replace("T", " ").slice(0, 19);
    write(`${time} ${l === "info" ? "" : `${l.toUpperCase()} `}${message}`);
  };
  const filter: LogFilter = {
    add: (directives) => {
      const wanted = parseDirectives(directives);
      if (ORDER[wanted] > ORDER[level]) level = wanted;
    },
    reset: () => {
      level = initial;
    },
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug"), filter };
}

/** `0x1234…abcd`, as Substrate shortens hashes in logs. */
export function shortHash(hex: string): string {
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}
