// Finds a running daemon for this HEARTH_HOME and talks to it; null when none runs (commands then work alone).
import { daemonFiles, type HearthPaths } from "../config/paths.js";
import { HearthError } from "../errors.js";
import { type Ownership, runningDaemonPid, takeOwnership } from "../daemon/ownership-lock.js";
import { callDaemon } from "../rpc/control-socket.js";

export interface DaemonClient {
  pid: number;
  call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
}

export function findDaemon(paths: HearthPaths): DaemonClient | null {
  const files = daemonFiles(paths.dataDir);
  const pid = runningDaemonPid(files.pidFile);
  if (pid === null) return null;
  return {
    pid,
    call: (method, params, timeoutMs) => callDaemon(files.socketFile, method, params, timeoutMs),
  };
}

export async function notifyDaemonOfRoots(paths: HearthPaths): Promise<void> {
  const daemon = findDaemon(paths);
  if (daemon) await daemon.call("reload-roots");
}

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
