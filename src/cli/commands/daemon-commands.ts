// `hearth start [DIR...] [--detach]` and `hearth stop`: run the daemon in the foreground or background.
import { daemonFiles, resolveHearthPaths, type HearthPaths } from "../../config/paths.js";
import { updateRoots } from "../../config/edit-config.js";
import { loadConfig } from "../../config/load-config.js";
import { runningDaemonPid } from "../../daemon/daemon-pid.js";
import { takeOwnership } from "../../daemon/ownership-lock.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { resolveRoot } from "../../pipeline/resolve-root.js";
import { findDaemon } from "../daemon-client.js";
import { alreadyRunning, answeringDaemon, startDetached } from "../start-detached.js";
import type { IndexKey } from "../../store/cipher.js";
import { askPassphrase } from "../ask-passphrase.js";
import type { CliContext } from "../context.js";

/**
 * An encrypted index's passphrase typed at the terminal, when no other source has one; undefined
 * when it is not needed or found elsewhere (openHearth looks there itself).
 */
async function typedKey(cli: CliContext, indexFile: string): Promise<IndexKey | undefined> {
  const [{ isEncrypted }, { findIndexKey }] = await Promise.all([
    import("../../store/cipher.js"),
    import("../../config/index-key.js"),
  ]);
  if (!isEncrypted(indexFile) || (await findIndexKey(cli.env, indexFile))) return undefined;
  const passphrase = await askPassphrase(cli.io.stdin, cli.io.stderr, "index passphrase");
  return passphrase ? { passphrase, source: "the passphrase typed" } : undefined;
}

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
    const key = await typedKey(cli, paths.indexFile);
    // The daemon gets a typed passphrase the way a service would: in its environment.
    const env = key ? { ...cli.env, HEARTH_KEY: key.passphrase } : cli.env;
    const pid = await startDetached(paths, env);
    cli.io.out(`started (pid ${pid}); logs in ${files.logFile}`);
    return;
  }
  // Ownership first: a second daemon says so before it changes the config or loads anything.
  const ownership = takeOwnership(files);
  let opened: Awaited<ReturnType<typeof openForDaemon>>;
  try {
    await prepare();
    opened = await openForDaemon(cli, paths, await typedKey(cli, paths.indexFile));
  } catch (err) {
    ownership.release();
    throw err;
  }
  const { hearth, startDaemonHost } = opened;
  if (hearth.model.notice) cli.log.warn(`${hearth.model.notice} (or start with --pull)`);
  if (hearth.config.roots.length === 0)
    cli.log.warn("no folders are watched yet: run `hearth add DIR`");
  const host = await startDaemonHost(hearth, cli.log, ownership);
  const stop = () =>
    void host.stop().catch((err: unknown) => cli.log.error("stop failed", { error: String(err) }));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await host.stopped;
  // Everything is closed; a native handle left behind must not keep the process alive.
  setTimeout(() => process.exit(), 2000).unref();
}

/** Opens the index and the model; the host's modules load while llama.cpp checks its binary. */
async function openForDaemon(cli: CliContext, paths: HearthPaths, key?: IndexKey) {
  const { embedding } = loadConfig(paths.configFile);
  const local = embedding.backend === "llama";
  if (local && resolveModel(embedding.model, paths.modelsDir).kind !== "none")
    await (await import("../../embed/llama.js")).beginLoadingLlama(embedding.gpu, cli.log);
  const [{ openHearth }, { startDaemonHost }] = await Promise.all([
    import("../../hearth.js"),
    import("../../host/run-daemon.js"),
  ]);
  const hearth = await openHearth({ log: cli.log, env: cli.env, ...(key ? { key } : {}) });
  // Opened: the passphrase is not left in the environment that worker threads inherit.
  delete process.env.HEARTH_KEY;
  return { hearth, startDaemonHost };
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
