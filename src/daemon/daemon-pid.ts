// The running daemon's pid, as its pid file says — a hint for clients (the control socket is the
// truth), readable without loading anything heavy.
import { readFileSync } from "node:fs";

export function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid a running daemon wrote, if its process is alive. */
export function runningDaemonPid(pidFile: string): number | null {
  const pid = readPid(pidFile);
  if (pid === null) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}
