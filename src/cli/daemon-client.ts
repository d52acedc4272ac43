// Finds a running daemon for this HEARTH_HOME and talks to it; null when none runs (commands then work alone).
import { daemonFiles, type HearthPaths } from "../config/paths.js";
import { HearthError } from "../errors.js";
import { runningDaemonPid } from "../daemon/lock.js";
import { callDaemon } from "../rpc/control-socket.js";

export interface DaemonClient {
  pid: number;
  call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
}

export function findDaemon(paths: HearthPaths): DaemonClient | null {
  const files = daemonFiles(paths.dataDir);
  const pid = runningDaemonPid(files.lockFile);
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

/** The daemon is the index's only writer: one-shot writers refuse while it runs. */
export function refuseWhileDaemonRuns(paths: HearthPaths, fix: string): void {
  const daemon = findDaemon(paths);
  if (daemon) {
    throw new HearthError(
      "DAEMON_RUNNING",
      `the daemon (pid ${daemon.pid}) is running and is the only writer of the index`,
      fix,
    );
  }
}
