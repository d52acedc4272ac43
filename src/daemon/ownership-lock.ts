// One daemon per HEARTH_HOME: an exclusive lock on a small SQLite file, which the operating system
// releases the moment its holder dies — no stale lock to take over, no pid to trust. A pid file
// beside it tells clients whom to talk to.
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3-multiple-ciphers";
import { HearthError } from "../errors.js";
import { readPid, runningDaemonPid } from "./daemon-pid.js";

export { runningDaemonPid };

export interface Ownership {
  /** Releases the lock (and removes the pid file): the next daemon may start. */
  release(): void;
}

/**
 * The lock holder's pid. It writes its pid file just after taking the lock, so a racer that lost
 * may look before it is there (or still see a dead predecessor's): it waits a moment for it.
 */
function ownerPid(pidFile: string): number | null {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let tries = 0; tries < 50; tries++) {
    const pid = runningDaemonPid(pidFile);
    if (pid !== null) return pid;
    Atomics.wait(pause, 0, 0, 20);
  }
  return null;
}

/** Takes ownership of the data folder or throws DAEMON_RUNNING naming the owner. */
export function takeOwnership(files: { lockFile: string; pidFile: string }): Ownership {
  mkdirSync(dirname(files.lockFile), { recursive: true, mode: 0o700 });
  // timeout 0: a held lock is an answer ("already running"), not something to wait for.
  const db = new Database(files.lockFile, { timeout: 0 });
  try {
    chmodSync(files.lockFile, 0o600);
    // In exclusive locking mode the first write takes an exclusive lock that is held until the
    // connection closes — or the process dies.
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL)");
    db.prepare("DELETE FROM owner").run();
    db.prepare("INSERT INTO owner (pid) VALUES (?)").run(process.pid);
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
      const pid = ownerPid(files.pidFile);
      throw new HearthError(
        "DAEMON_RUNNING",
        `already running${pid ? ` (pid ${pid})` : ""}`,
        "use `hearth stop` first, or `hearth status` to talk to it",
      );
    }
    throw err;
  }
  const temp = `${files.pidFile}.${process.pid}.tmp`;
  writeFileSync(temp, `${process.pid}\n`, { mode: 0o600 });
  renameSync(temp, files.pidFile);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // The pid file first: a client that sees no pid file finds no daemon, never a dead one.
      if (readPid(files.pidFile) === process.pid) rmSync(files.pidFile, { force: true });
      db.close();
    },
  };
}
