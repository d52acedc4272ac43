// `hearth start [DIR...] [--detach]` and `hearth stop`: run the daemon in the foreground or background.
import { spawn } from "node:child_process";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { daemonFiles, resolveHearthPaths, type HearthPaths } from "../../config/paths.js";
import { updateRoots } from "../../config/edit-config.js";
import { loadConfig } from "../../config/load-config.js";
import { runningDaemonPid, takeOwnership } from "../../daemon/ownership-lock.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { HearthError } from "../../errors.js";
import { resolveRoot } from "../../pipeline/resolve-root.js";
import { findDaemon } from "../daemon-client.js";
import type { CliContext } from "../context.js";
import { selfCommand } from "../self-command.js";

const START_TIMEOUT_MS = 60_000;

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export async function runStart(
  cli: CliContext,
  dirs: string[],
  opts: { detach?: boolean; pull?: boolean },
): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const files = daemonFiles(paths.dataDir);
  const prepare = async () => {
    if (dirs.length > 0) {
      const resolved: string[] = [];
      for (const dir of dirs) resolved.push(await resolveRoot(dir));
      updateRoots(paths.configFile, (current) => [...current, ...resolved]);
    }
    if (opts.pull) {
      const config = loadConfig(paths.configFile);
      const none = resolveModel(config.embedding.model, paths.modelsDir).kind === "none";
      if (config.embedding.backend === "llama" && none)
        await (await import("./models-command.js")).runModelsPull(cli, undefined, {});
    }
  };
  if (opts.detach) {
    const running = await answeringDaemon(paths);
    if (running !== null) throw alreadyRunning(running);
    await prepare();
    const pid = await startDetached(paths, cli.env);
    cli.io.out(`started (pid ${pid}); logs in ${files.logFile}`);
    return;
  }
  // Ownership first: a second daemon says so before it changes the config or loads anything.
  const ownership = takeOwnership(files);
  let hearth;
  try {
    await prepare();
    const { openHearth } = await import("../../hearth.js");
    hearth = await openHearth({ log: cli.log, env: cli.env });
  } catch (err) {
    ownership.release();
    throw err;
  }
  if (hearth.model.notice) cli.log.warn(`${hearth.model.notice} (or start with --pull)`);
  if (hearth.config.roots.length === 0)
    cli.log.warn("no folders are watched yet: run `hearth add DIR`");
  const { startDaemonHost } = await import("../../host/run-daemon.js");
  const host = await startDaemonHost(hearth, cli.log, ownership);
  const stop = () =>
    void host.stop().catch((err: unknown) => cli.log.error("stop failed", { error: String(err) }));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await host.stopped;
  // Everything is closed; a native handle left behind must not keep the process alive.
  setTimeout(() => process.exit(), 2000).unref();
}

function alreadyRunning(pid: number): HearthError {
  return new HearthError(
    "DAEMON_RUNNING",
    `already running (pid ${pid})`,
    "use `hearth stop` first, or `hearth status` to talk to it",
  );
}

/** The pid of a daemon that answers on the control socket, or null. */
async function answeringDaemon(paths: HearthPaths): Promise<number | null> {
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
    await sleep(100);
  }
  throw new HearthError("DAEMON_UNREACHABLE", "the daemon did not start in time", `see ${logFile}`);
}

export async function runStop(cli: CliContext): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const daemon = findDaemon(paths);
  if (!daemon) {
    cli.io.out("not running");
    return;
  }
  await daemon.call("stop");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && runningDaemonPid(daemonFiles(paths.dataDir).pidFile) !== null)
    await sleep(50);
  cli.io.out(`stopped (pid ${daemon.pid})`);
}
