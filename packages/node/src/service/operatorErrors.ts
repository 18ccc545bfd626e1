/**
 * Operator errors as one line that names the cause and the fix: a file system error (a base path
 * under a file, a read-only disk, a key file that is a directory) or a port that is taken becomes
 * a ServiceError, instead of a stack trace.
 */
import { CanaryError } from "@canary/primitives";
import { ServiceError } from "./errors.ts";

const WHY: Record<string, string> = {
  ENOTDIR: "part of the path is a file, not a directory",
  EISDIR: "it is a directory where a file belongs",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EEXIST: "something else already exists there",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "it is a loop of symbolic links",
};

function errno(
  e: unknown,
): (Error & { code: string; path?: string; dest?: string; syscall?: string }) | undefined {
  return e instanceof Error &&
    !(e instanceof CanaryError) &&
    typeof (e as { code?: unknown }).code === "string"
    ? (e as Error & { code: string })
    : undefined;
}

/** A file system failure at start as NODE_BAD_BASE_PATH (the chain's directories) or NODE_BAD_FILE. */
export function fileSystemError(e: unknown, basePath: string): unknown {
  const err = errno(e);
  if (!err || !(err.code in WHY || err.syscall)) return e;
  const path = err.dest ?? err.path ?? basePath;
  const why = WHY[err.code] ?? err.message;
  if (err.code === "EISDIR") {
    return new ServiceError(
      "NODE_BAD_FILE",
      `cannot use ${path}: ${why}. Remove or fix it, or start with another --base-path`,
      { cause: e },
    );
  }
  return new ServiceError(
    "NODE_BAD_BASE_PATH",
    `cannot write the base path ${basePath} (${path}: ${why}). Choose a --base-path in a writable directory`,
    { cause: e },
  );
}

/** A server that could not listen, as NODE_PORT_UNAVAILABLE with the flag that moves it. */
export function listenError(e: unknown, what: string, host: string, port: number, flags: string): unknown {
  const err = errno(e);
  if (!err) return e;
  const why =
    err.code === "EADDRINUSE"
      ? "is in use by another program"
      : err.code === "EACCES"
        ? "needs privileges this process lacks"
        : err.code === "EADDRNOTAVAIL"
          ? "is not an address of this machine"
          : `cannot be used (${err.code})`;
  return new ServiceError(
    "NODE_PORT_UNAVAILABLE",
    `the ${what} port ${host}:${port} ${why}: stop the other program or pass ${flags}`,
    { cause: e },
  );
}
