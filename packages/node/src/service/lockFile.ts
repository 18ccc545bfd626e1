/**
 * One node per base path: two processes writing one database would corrupt each other's view of
 * the chain. The lock is a file created exclusively with the holder's pid; a lock whose process
 * is gone (a killed node) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { ServiceError } from "./errors.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class LockFile {
  readonly path: string;
  #held = false;

  private constructor(path: string) {
    this.path = path;
  }

  static acquire(path: string): LockFile {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, "wx");
        writeSync(fd, String(process.pid));
        closeSync(fd);
        const lock = new LockFile(path);
        lock.#held = true;
        return lock;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
        if (Number.isInteger(pid) && alive(pid)) {
          throw new ServiceError(
            "NODE_LOCKED",
            `another node (pid ${pid}) is using this base path (${path}): stop it, or start this one with another --base-path`,
          );
        }
        rmSync(path, { force: true }); // left behind by a node that no longer runs
      }
    }
    throw new ServiceError("NODE_LOCKED", `cannot take the lock ${path}`);
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    rmSync(this.path, { force: true });
  }
}
