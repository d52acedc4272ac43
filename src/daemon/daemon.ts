// The daemon: the only writer of the index. Watches the roots, reconciles at start, serves the CLI over a socket.
import { lstat, mkdir, realpath } from "node:fs/promises";
import type { Server } from "node:net";
import { join } from "node:path";
import { loadConfig } from "../config/load-config.js";
import { errorMessage } from "../errors.js";
import type { Hearth } from "../hearth.js";
import { indexerFor } from "../indexers/registry.js";
import type { Logger } from "../log.js";
import { backfillVectors } from "../pipeline/backfill-vectors.js";
import { IgnoreRules } from "../pipeline/ignore-rules.js";
import { indexFile } from "../pipeline/index-file.js";
import { planRoot } from "../pipeline/plan-root.js";
import { scanRoot } from "../pipeline/scan-root.js";
import type { SearchRequest } from "../search/search.js";
import type { FileStat } from "../store/types.js";
import { listenRpc, type RpcHandler } from "./ipc.js";
import { startMcp } from "./mcp-backend.js";
import { acquireLock } from "./lock.js";
import { ModelSwitcher, type SwitchResult, type SwitchStatus } from "./model-switcher.js";
import { watchRoot, type RootWatcher, type WatchEvent } from "./watcher.js";
import { WorkQueue } from "./work-queue.js";

const MAX_RECENT_ERRORS = 50;

export function daemonFiles(dataDir: string) {
  return {
    lockFile: join(dataDir, "daemon.lock"),
    socketFile: join(dataDir, "daemon.sock"),
    mcpSocketFile: join(dataDir, "mcp.sock"),
    tokenFile: join(dataDir, "mcp-token"),
    logFile: join(dataDir, "daemon.log"),
  };
}

export function memoryDirOf(hearth: Hearth): string {
  return hearth.config.memory.dir ?? join(hearth.paths.dataDir, "memory");
}

interface WatchedRoot {
  id: number;
  path: string;
  rules: IgnoreRules;
  watcher: RootWatcher;
}

export interface DaemonStatus {
  pid: number;
  startedAt: string;
  activity: string;
  roots: { path: string; files: number }[];
  queue: {
    pending: number;
    active: string[];
    done: number;
    ratePerSec: number;
    etaSeconds: number | null;
  };
  files: number;
  failed: number;
  chunks: number;
  vectors: number;
  model: string | null;
  /** A `hearth models use` under way: the next model and its progress. */
  modelSwitch: SwitchStatus | null;
  lastModelSwitch: SwitchResult | null;
  recentErrors: { path: string; error: string; at: string }[];
}

export class Daemon {
  private readonly roots: WatchedRoot[] = [];
  private readonly queue: WorkQueue;
  private readonly switcher: ModelSwitcher;
  private readonly recentErrors: DaemonStatus["recentErrors"] = [];
  private readonly startedAt = new Date();
  private reconciling = 0;
  private server: Server | null = null;
  private mcpServers: Server[] = [];
  private readonly indexListeners = new Set<() => void>();
  /** Real path of the folder `remember` writes to; watched like any root. */
  memoryDir = "";
  private releaseLock: (() => void) | null = null;
  private stopping: Promise<void> | null = null;
  private resolveStopped!: () => void;
  /** Resolves once the daemon has stopped (by `hearth stop`, a signal, or stop()). */
  readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));

  private constructor(
    private readonly hearth: Hearth,
    private readonly log: Logger,
  ) {
    this.queue = new WorkQueue(
      hearth.config.index.concurrency,
      (path) => this.process(path),
      (path, err) => this.recordError(path, errorMessage(err)),
    );
    this.switcher = new ModelSwitcher(
      hearth,
      log,
      () => this.changed(),
      (error) => this.recordError("(model switch)", error),
    );
  }

  static async start(hearth: Hearth, log: Logger): Promise<Daemon> {
    const files = daemonFiles(hearth.paths.dataDir);
    const daemon = new Daemon(hearth, log);
    daemon.releaseLock = acquireLock(files.lockFile);
    try {
      await mkdir(memoryDirOf(hearth), { recursive: true, mode: 0o700 });
      daemon.memoryDir = await realpath(memoryDirOf(hearth));
      hearth.audit.prune(Date.now() - hearth.config.audit.retentionDays * 86_400_000);
      // MCP first, then the control socket: a client that sees the daemon answer can use MCP at once.
      daemon.mcpServers = await startMcp(daemon, hearth, files, log);
      daemon.server = await listenRpc(files.socketFile, daemon.handlers(), log);
      for (const root of [...hearth.config.roots, daemon.memoryDir]) await daemon.addRoot(root);
      log.info("daemon started", { pid: process.pid, roots: daemon.roots.map((r) => r.path) });
      daemon.switcher
        .resume()
        .catch((err) => daemon.recordError("(model switch)", errorMessage(err)));
      return daemon;
    } catch (err) {
      await daemon.stop();
      throw err;
    }
  }

  /** Resolves when the queue is empty and no reconcile runs: the index matches the disk. */
  async settled(): Promise<void> {
    while (this.reconciling > 0 || this.queue.size > 0) {
      await this.queue.idle();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Real paths of the watched roots (the memory folder included). */
  rootPaths(): string[] {
    return this.roots.map((r) => r.path);
  }

  onIndexChanged(listener: () => void): () => void {
    this.indexListeners.add(listener);
    return () => this.indexListeners.delete(listener);
  }

  /** Starts switching the embedding model in the background (`hearth models use`). */
  async useModel(modelPath: string): Promise<{ outcome: string; status: DaemonStatus }> {
    const outcome = await this.switcher.start(modelPath);
    return { outcome, status: this.status() };
  }

  /** Indexes one path now, outside the queue (a note just written or deleted by an agent). */
  async indexNow(path: string): Promise<void> {
    await this.process(path);
  }

  private changed(): void {
    for (const listener of this.indexListeners) listener();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.roots.map((r) => r.watcher.close()));
      for (const s of this.mcpServers) s.close();
      await this.switcher.stop();
      await this.queue.stop();
      await new Promise<void>((resolve) =>
        this.server ? this.server.close(() => resolve()) : resolve(),
      );
      await this.hearth.close();
      this.releaseLock?.();
      this.log.info("daemon stopped");
      this.resolveStopped();
    })();
    return this.stopping;
  }

  status(): DaemonStatus {
    const { store } = this.hearth;
    const counts = store.counts();
    const perRoot = store.filesPerRoot();
    const progress = this.queue.progress();
    const pending = progress.pending + progress.active.length;
    return {
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      activity:
        this.reconciling > 0
          ? "reconciling"
          : progress.active.length > 0
            ? `indexing ${progress.active[0]}`
            : "idle",
      roots: this.roots.map((r) => ({ path: r.path, files: perRoot.get(r.id) ?? 0 })),
      queue: {
        ...progress,
        ratePerSec: Math.round(progress.ratePerSec * 10) / 10,
        etaSeconds:
          progress.ratePerSec > 0 && pending > 0 ? Math.ceil(pending / progress.ratePerSec) : null,
      },
      files: counts.files,
      failed: counts.failed,
      chunks: counts.chunks,
      vectors: counts.vectors,
      model: this.hearth.embedder?.info.name ?? null,
      modelSwitch: this.switcher.status(),
      lastModelSwitch: this.switcher.lastResult(),
      recentErrors: [...this.recentErrors],
    };
  }

  private handlers(): Map<string, RpcHandler> {
    return new Map<string, RpcHandler>([
      ["status", () => Promise.resolve(this.status())],
      ["search", (params) => this.hearth.searcher.search(params as SearchRequest)],
      ["settled", () => this.settled().then(() => this.status())],
      ["reload-roots", () => this.reloadRoots().then(() => this.status())],
      ["use-model", (params) => this.useModel((params as { modelPath: string }).modelPath)],
      [
        "stop",
        () => {
          setImmediate(() => void this.stop());
          return Promise.resolve({ stopping: true });
        },
      ],
    ]);
  }

  private async addRoot(configured: string): Promise<void> {
    let path: string;
    try {
      path = await realpath(configured);
    } catch (err) {
      this.recordError(configured, `root is not available: ${errorMessage(err)}`);
      return;
    }
    const record = this.hearth.store.addRoot(path);
    const rules = new IgnoreRules(path, this.hearth.indexDeps.ignore);
    const initial: FileStat[] = [];
    const watcher = watchRoot(
      rules,
      this.hearth.config.index.debounceMs,
      (event, p) => this.onEvent(root, event, p),
      (err) => this.log.error("watcher error", { root: path, error: errorMessage(err) }),
      (p, stats) => {
        if (stats.isFile() && indexerFor(p))
          initial.push({ path: p, size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) });
      },
    );
    const root: WatchedRoot = { id: record.id, path, rules, watcher };
    this.roots.push(root);
    this.reconciling++; // until the first plan is made, the index is not known to match the disk
    await watcher.ready;
    this.reconciling--;
    void this.reconcile(root, initial);
  }

  /** Follows `hearth add` / `hearth remove`: watches new roots, forgets removed ones. */
  private async reloadRoots(): Promise<void> {
    const config = loadConfig(this.hearth.paths.configFile);
    const wanted = new Set(await Promise.all(config.roots.map((r) => realpath(r).catch(() => r))));
    for (const root of [...this.roots]) {
      if (wanted.has(root.path)) continue;
      await root.watcher.close();
      this.roots.splice(this.roots.indexOf(root), 1);
      this.hearth.store.removeRoot(root.path);
    }
    for (const path of wanted) {
      if (!this.roots.some((r) => r.path === path)) await this.addRoot(path);
    }
  }

  /**
   * Startup (or rule change) reconciliation: a pure plan, applied through the queue behind live edits.
   * At start the watcher's walk supplies the files on disk; after a rule change the root is scanned.
   */
  private async reconcile(root: WatchedRoot, found?: readonly FileStat[]): Promise<void> {
    this.reconciling++;
    try {
      const disk = found ?? (await scanRoot(root.path, root.rules));
      const plan = planRoot(disk, this.hearth.store.filesOfRoot(root.id));
      for (const path of plan.remove) this.hearth.store.deleteFile(path);
      if (plan.remove.length > 0) this.changed();
      for (const file of plan.check) this.queue.push(file.path, false);
      this.log.info("reconciled", {
        root: root.path,
        check: plan.check.length,
        unchanged: plan.unchanged,
        removed: plan.remove.length,
      });
      await this.queue.idle();
      if (this.hearth.embedder) await backfillVectors(this.hearth.store, this.hearth.embedder);
    } catch (err) {
      this.recordError(root.path, `reconcile failed: ${errorMessage(err)}`);
    } finally {
      this.reconciling--;
    }
  }

  private onEvent(root: WatchedRoot, event: WatchEvent, path: string): void {
    if (IgnoreRules.isIgnoreFile(path)) {
      root.rules.reset();
      void this.reconcile(root);
      return;
    }
    this.log.debug("file event", { event, path });
    this.queue.push(path, true);
  }

  /** Brings one path in the index to what is on disk now, whatever the event was. */
  private async process(path: string): Promise<void> {
    const root = this.roots.find((r) => path === r.path || path.startsWith(r.path + "/"));
    if (!root) return;
    const { store } = this.hearth;
    let info;
    try {
      info = await lstat(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      if (store.deleteFile(path) || store.deleteFilesUnder(path) > 0) this.changed(); // a file, or a folder, is gone
      return;
    }
    if (info.isSymbolicLink()) return;
    if (info.isDirectory()) {
      if (root.rules.isIgnored(path, true)) return;
      for (const file of await scanRoot(path, root.rules)) this.queue.push(file.path, true);
      return;
    }
    if (!indexerFor(path) || root.rules.isIgnored(path, false)) {
      if (store.deleteFile(path)) this.changed();
      return;
    }
    const previous = store.getFile(path);
    const stat = { path, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
    if (previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs) return;
    const outcome = await indexFile(this.hearth.indexDeps, root.id, stat, previous);
    if (outcome.status === "failed") this.recordError(path, outcome.error);
    if (outcome.status !== "same-content") this.changed();
  }

  private recordError(path: string, error: string): void {
    this.log.warn("indexing failed", { path, error });
    this.recentErrors.unshift({ path, error, at: new Date().toISOString() });
    this.recentErrors.length = Math.min(this.recentErrors.length, MAX_RECENT_ERRORS);
  }
}
