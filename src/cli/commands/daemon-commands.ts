// `hearth start [DIR...] [--detach]` and `hearth stop`: run the daemon in the foreground or background.
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { daemonFiles, resolveHearthPaths, type HearthPaths } from "../../config/paths.js";
import { updateRoots } from "../../config/edit-config.js";
import { loadConfig } from "../../config/load-config.js";
import { runningDaemonPid } from "../../daemon/lock.js";
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
  const running = runningDaemonPid(files.lockFile);
  if (running !== null) {
    throw new HearthError(
      "DAEMON_RUNNING",
      `already running (pid ${running})`,
      "`hearth stop` first, or `hearth add DIR` to watch more",
    );
  }
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
  if (opts.detach) {
    const pid = await startDetached(paths, cli.env);
    cli.io.out(`started (pid ${pid}); logs in ${files.logFile}`);
    return;
  }
  const [{ openHearth }, { startDaemonHost }] = await Promise.all([
    import("../../hearth.js"),
    import("../../host/run-daemon.js"),
  ]);
  const hearth = await openHearth({ log: cli.log, env: cli.env });
  if (hearth.model.notice) cli.log.warn(`${hearth.model.notice} (or start with --pull)`);
  if (hearth.config.roots.length === 0)
    cli.log.warn("no folders are watched yet: run `hearth add DIR`");
  const host = await startDaemonHost(hearth, cli.log);
  const stop = () => void host.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await host.stopped;
}

/** Starts the daemon in the background and returns its pid once it answers. Prints nothing (stdout may be MCP's). */
export async function startDetached(paths: HearthPaths, env: NodeJS.ProcessEnv): Promise<number> {
  const logFile = daemonFiles(paths.dataDir).logFile;
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const out = openSync(logFile, "a", 0o600);
  const [bin, ...args] = selfCommand("start");
  const child = spawn(bin!, args, { detached: true, stdio: ["ignore", out, out], env });
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const daemon = findDaemon(paths);
    if (daemon) {
      try {
        await daemon.call("status", undefined, 2000);
        return daemon.pid;
      } catch {
        // listening soon
      }
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  throw new HearthError("DAEMON_UNREACHABLE", "the daemon did not start", `see ${logFile}`);
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
  while (Date.now() < deadline && runningDaemonPid(daemonFiles(paths.dataDir).lockFile) !== null)
    await sleep(50);
  cli.io.out(`stopped (pid ${daemon.pid})`);
}
