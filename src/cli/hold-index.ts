// One writer of the index at a time: one-shot writers take the daemon's lock while they write.
import { daemonFiles, type HearthPaths } from "../config/paths.js";
import { runningDaemonPid } from "../daemon/daemon-pid.js";
import { type Ownership, takeOwnership } from "../daemon/ownership-lock.js";
import { HearthError } from "../errors.js";

/**
 * The index has one writer at a time: a one-shot writer (index, reindex, models use) holds the
 * same lock as the daemon while it writes, and refuses while the daemon (or another writer) runs.
 */
export function holdIndex(paths: HearthPaths, fix: string): Ownership {
  try {
    return takeOwnership(daemonFiles(paths.dataDir));
  } catch (err) {
    if (!(err instanceof HearthError && err.code === "DAEMON_RUNNING")) throw err;
    const pid = runningDaemonPid(daemonFiles(paths.dataDir).pidFile);
    throw new HearthError(
      "DAEMON_RUNNING",
      `the daemon${pid ? ` (pid ${pid})` : ""} is running and is the only writer of the index`,
      fix,
    );
  }
}
