// Starts the daemon in the background for a client (`hearth start --detach`, `hearth mcp`), and
// says why when it cannot: light to import, as every editor's bridge runs it.
import { spawn } from "node:child_process";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { daemonFiles, type HearthPaths } from "../config/paths.js";
import { HearthError } from "../errors.js";
import { findDaemon } from "./daemon-client.js";
import { selfCommand } from "./self-command.js";

const START_TIMEOUT_MS = 60_000;

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export function alreadyRunning(pid: number): HearthError {
  return new HearthError(
    "DAEMON_RUNNING",
    `already running (pid ${pid})`,
    "use `hearth stop` first, or `hearth status` to talk to it",
  );
}

/** The pid of a daemon that answers on the control socket, or null. */
export async function answeringDaemon(paths: HearthPaths): Promise<number | null> {
  const daemon = findDaemon(paths);
  if (!daemon) return null;
  try {
    await daemon.call("status", undefined, 2000);
    return daemon.pid;
  } catch {
    return null;
  }
}

/** Why a detached daemon exited: the error lines it wrote to the log after `offset`. */
function failureIn(logFile: string, offset: number): string | null {
  try {
    const written = readFileSync(logFile).subarray(offset).toString("utf8");
    // The CLI's own message ("hearth: …", with its fix) when there is one, else logged errors.
    const cut = written.lastIndexOf("hearth: ");
    if (cut >= 0) return written.slice(cut).trim().slice(0, 2000);
    const lines = written.split("\n").filter((l) => /\berror\b/.test(l));
    return lines.length > 0 ? lines.slice(-3).join("\n") : null;
  } catch {
    return null;
  }
}

/**
 * Starts the daemon in the background and returns its pid once it answers — its own, or that of a
 * daemon another client started first. Prints nothing (stdout may be MCP's); when it cannot start,
 * the error says why, from the daemon's log.
 */
export async function startDetached(paths: HearthPaths, env: NodeJS.ProcessEnv): Promise<number> {
  const logFile = daemonFiles(paths.dataDir).logFile;
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const out = openSync(logFile, "a", 0o600);
  const offset = fstatSync(out).size;
  const [bin, ...args] = selfCommand("start");
  const child = spawn(bin!, args, { detached: true, stdio: ["ignore", out, out], env });
  closeSync(out);
  child.unref();
  let exitedAt: number | null = null;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const pid = await answeringDaemon(paths);
    if (pid !== null) return pid;
    if (child.exitCode !== null) {
      const reason = failureIn(logFile, offset);
      // It lost the race to a daemon another client is starting: wait for that one a little.
      if (reason?.includes("already running")) exitedAt ??= Date.now();
      else
        throw new HearthError(
          "DAEMON_UNREACHABLE",
          `the daemon did not start${reason ? `:\n${reason}` : ""}`,
          `see ${logFile}`,
        );
      if (Date.now() - exitedAt > 15_000) break;
    }
    await sleep(25); // a cheap check (a pid file, a connect), and an editor waits on it
  }
  throw new HearthError("DAEMON_UNREACHABLE", "the daemon did not start in time", `see ${logFile}`);
}
