// One daemon per HEARTH_HOME: a pid lock file, taken atomically; a lock left by a dead process is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { HearthError } from "../errors.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLockPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid of a live daemon holding the lock, or null. */
export function runningDaemonPid(file: string): number | null {
  const pid = readLockPid(file);
  return pid !== null && isAlive(pid) ? pid : null;
}

/** Takes the lock or throws DAEMON_RUNNING; returns a release function. */
export function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = runningDaemonPid(file);
      if (pid !== null) {
        throw new HearthError(
          "DAEMON_RUNNING",
          `already running (pid ${pid})`,
          "use `hearth stop` first, or `hearth status` to talk to it",
        );
      }
      rmSync(file, { force: true }); // stale: its owner is gone
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return () => {
      if (readLockPid(file) === process.pid) rmSync(file, { force: true });
    };
  }
  throw new HearthError(
    "DAEMON_RUNNING",
    `could not take the lock ${file}`,
    "another daemon is starting; try again",
  );
}
