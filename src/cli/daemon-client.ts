// Finds a running daemon for this HEARTH_HOME and talks to it; null when none runs (commands then work alone).
import { daemonFiles, type HearthPaths } from "../config/paths.js";
import { runningDaemonPid } from "../daemon/daemon-pid.js";
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
