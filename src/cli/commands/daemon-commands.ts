// `hearth start [DIR...] [--detach]` and `hearth stop`: run the daemon in the foreground or background.
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { resolveHearthPaths, type HearthPaths } from "../../config/paths.js";
import { updateRoots } from "../../config/edit-config.js";
import { Daemon, daemonFiles } from "../../daemon/daemon.js";
import { runningDaemonPid } from "../../daemon/lock.js";
import { HearthError } from "../../errors.js";
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import { resolveRoot } from "../../pipeline/index-root.js";
import { findDaemon } from "../daemon-client.js";
import { selfCommand } from "../self-command.js";
import { loadConfig } from "../../config/load-config.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { runModelsPull } from "./models-command.js";

const START_TIMEOUT_MS = 60_000;

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export async function runStart(
  dirs: string[],
  opts: { detach?: boolean; pull?: boolean },
  log: Logger,
): Promise<void> {
  const paths = resolveHearthPaths();
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
    if (config.embedding.backend === "llama" && none) await runModelsPull(undefined, {});
  }
  if (opts.detach) {
    const pid = await startDetached(paths);
    console.log(`started (pid ${pid}); logs in ${files.logFile}`);
    return;
  }

  const hearth = await openHearth({ log });
  if (hearth.modelNotice) log.warn(`${hearth.modelNotice} (or start with --pull)`);
  if (hearth.config.roots.length === 0)
    log.warn("no folders are watched yet: run `hearth add DIR`");
  const daemon = await Daemon.start(hearth, log);
  const stop = () => void daemon.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await daemon.stopped;
}

/** Starts the daemon in the background and returns its pid once it answers. Prints nothing (stdout may be MCP's). */
export async function startDetached(paths: HearthPaths): Promise<number> {
  const logFile = daemonFiles(paths.dataDir).logFile;
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const out = openSync(logFile, "a", 0o600);
  const [bin, ...args] = selfCommand("start");
  const child = spawn(bin!, args, {
    detached: true,
    stdio: ["ignore", out, out],
    env: process.env,
  });
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

export async function runStop(): Promise<void> {
  const paths = resolveHearthPaths();
  const daemon = findDaemon(paths);
  if (!daemon) {
    console.log("not running");
    return;
  }
  await daemon.call("stop");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && runningDaemonPid(daemonFiles(paths.dataDir).lockFile) !== null)
    await sleep(50);
  console.log(`stopped (pid ${daemon.pid})`);
}
