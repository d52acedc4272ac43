// The daemon: the only writer of the index. Watches the roots, reconciles at start, keeps a queue of
// files to index, and reports what it does; the service reads the index through it.
import { lstat, mkdir, realpath } from "node:fs/promises";
import { daemonFiles, memoryDirOf } from "../config/paths.js";
import { loadConfig } from "../config/load-config.js";
import { errorMessage } from "../errors.js";
import type { Hearth } from "../hearth.js";
import type { Logger } from "../log.js";
import { backfillVectors } from "../pipeline/backfill-vectors.js";
import { IgnoreRules } from "../pipeline/ignore-rules.js";
import { IndexPolicy } from "../pipeline/index-policy.js";
import { indexFile, rereadSkippedScans } from "../pipeline/index-file.js";
import { planRoot } from "../pipeline/plan-root.js";
import { scanRoot } from "../pipeline/scan-root.js";
import type { PurgeReport } from "../store/eraser.js";
import type { FileStat } from "../store/types.js";
import {
  BackgroundSwitch,
  type SwitchOutcome,
  type SwitchResult,
  type SwitchStatus,
} from "./background-switch.js";
import { type Ownership, takeOwnership } from "./ownership-lock.js";
import { Closers } from "../closers.js";
import { WatchedRoots, type WatchedRoot } from "./watched-roots.js";
import { WorkQueue } from "./work-queue.js";
import { KnownScans } from "./known-scans.js";
import { PurgePass } from "./purge-pass.js";
import { inSlowLane } from "../indexers/registry.js";
import { memoryReport, type MemoryReport } from "./memory-report.js";
import { isWriteFailure, WriteRetry, type WriteBlocked } from "./write-retry.js";

const MAX_RECENT_ERRORS = 50;
const DAY_MS = 86_400_000;

/** What the daemon is doing, for status. */
export interface DaemonActivity {
  pid: number;
  startedAt: string;
  activity: string;
  queue: {
    pending: number;
    active: string[];
    /** Of the pending, images waiting for OCR (they go after everything else). */
    slowPending: number;
    done: number;
    ratePerSec: number;
    etaSeconds: number | null;
  };
  model: string | null;
  /** Set while the index cannot grow (the disk is full). */
  writeBlocked: WriteBlocked | null;
  modelSwitch: SwitchStatus | null;
  lastModelSwitch: SwitchResult | null;
  recentErrors: { path: string; error: string; at: string }[];
  /** Folders inside roots that could not be read: their files are not indexed. */
  unreadable: { path: string; error: string }[];
  /** Folders watched, one native watch each (the system limits how many). */
  watchedFolders: number;
  memory: MemoryReport;
}

export class Daemon {
  private readonly roots: WatchedRoots;
  private readonly queue: WorkQueue;
  private readonly writes = new WriteRetry((path) => this.queue.push(path, false));
  private readonly switcher: BackgroundSwitch;
  private readonly purges: PurgePass;
  private readonly recentErrors: DaemonActivity["recentErrors"] = [];
  private readonly scans = new KnownScans();
  private readonly startedAt = new Date();
  private reconciling = 0;
  private readonly indexListeners = new Set<(paths: readonly string[] | null) => void>();
  /** Real path of the folder `remember` writes to; watched like any root. */
  private memoryPath = "";
  private ownership: Ownership | null = null;
  private stopping: Promise<void> | null = null;
  private resolveStopped!: () => void;
  /** Resolves once the daemon has stopped (by `hearth stop`, a signal, or stop()). */
  readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));
  /** The roots and rules of what is indexed, and so of what an agent may read. */
  readonly policy: IndexPolicy;

  private constructor(
    private readonly hearth: Hearth,
    private readonly log: Logger,
  ) {
    this.queue = new WorkQueue(
      hearth.config.index.concurrency,
      (path, slow) => this.processRecorded(path, slow),
      (path, err) => this.recordError(path, errorMessage(err)),
      (path) => inSlowLane(path) || this.scans.has(path),
    );
    this.switcher = new BackgroundSwitch(
      hearth,
      log,
      () => this.changed(),
      (error) => this.recordError("(model switch)", error),
    );
    this.purges = new PurgePass(
      () => this.purge(),
      () => this.queue.size > 0 || this.reconciling > 0,
      (err) => this.recordError("(purge)", errorMessage(err)),
    );
    this.policy = new IndexPolicy(() => this.roots.list, hearth.config.index.maxFileBytes);
    this.roots = new WatchedRoots(
      hearth.store,
      hearth.indexDeps.ignore,
      hearth.config.index.debounceMs,
      () => this.policy,
      {
        onFileEvent: (root, path) => this.onEvent(root, path),
        onWatching: (root, found) => void this.reconcile(root, found),
        onChanged: (paths) => this.changed(paths),
        onProblem: (path, message) => this.recordError(path, message),
      },
      log,
    );
  }

  /** Starts over an opened Hearth (which it then owns); takes the data folder's lock unless given it. */
  static async start(hearth: Hearth, log: Logger, ownership?: Ownership): Promise<Daemon> {
    const owned = ownership ?? takeOwnership(daemonFiles(hearth.paths.dataDir));
    const daemon = new Daemon(hearth, log);
    daemon.ownership = owned;
    try {
      const memory = memoryDirOf(hearth.config.memory.dir, hearth.paths);
      await mkdir(memory, { recursive: true, mode: 0o700 });
      daemon.memoryPath = await realpath(memory);
      daemon.purge();
      const skipped = rereadSkippedScans(hearth.indexDeps);
      if (skipped > 0)
        log.info("reading again the files left unread while OCR was off", { skipped });
      await daemon.roots.sync(hearth.config.roots, daemon.memoryPath);
      log.info("daemon started", { pid: process.pid, roots: daemon.rootPaths() });
      daemon.switcher
        .resume()
        .catch((err) => daemon.recordError("(model switch)", errorMessage(err)));
      return daemon;
    } catch (err) {
      await daemon.stop();
      throw err;
    }
  }

  /**
   * Resolves when no event waits out its quiet period, the queue is empty and no reconcile runs:
   * the index matches every change the watchers have seen.
   */
  async settled(): Promise<void> {
    const busy = () =>
      this.reconciling > 0 ||
      this.roots.pending > 0 ||
      this.queue.size > 0 ||
      this.roots.list.some((r) => r.watcher.pending() > 0);
    while (busy()) {
      await this.queue.idle();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  memoryDir(): string {
    return this.memoryPath;
  }

  /** Real paths of the watched roots (the memory folder included). */
  rootPaths(): string[] {
    return this.roots.list.map((r) => r.path);
  }

  onIndexChanged(listener: (paths: readonly string[] | null) => void): () => void {
    this.indexListeners.add(listener);
    return () => this.indexListeners.delete(listener);
  }

  /** Starts switching the embedding model in the background (`hearth models use`). */
  useModel(modelPath: string): Promise<SwitchOutcome> {
    return this.switcher.start(modelPath);
  }

  /** Indexes one path now, outside the queue (a note just written or deleted by an agent). */
  async indexNow(path: string): Promise<void> {
    await this.processRecorded(path, false);
  }

  /** The index changed: under these paths (files or folders), or anywhere when null. */
  private changed(paths: readonly string[] | null = null): void {
    this.purges.schedule();
    for (const listener of this.indexListeners) listener(paths);
  }

  /** Erases what deleted files left in the index, and audit entries past their retention. */
  private purge(): void {
    const { store, config } = this.hearth;
    this.pruneAudit();
    const { nextPurgeAt } = store.purgeDeleted(config.privacy.keepDeletedDays * DAY_MS);
    if (nextPurgeAt !== null) this.purges.scheduleAt(nextPurgeAt);
  }

  /** `hearth forget --purge`: erased at once, the index compacted. */
  purgeNow(): PurgeReport {
    this.pruneAudit();
    return this.hearth.store.purgeNow();
  }

  /** The audit log and the action journal (with the previous versions it keeps) age alike. */
  private pruneAudit(): void {
    const before = Date.now() - this.hearth.config.audit.retentionDays * DAY_MS;
    this.hearth.store.audit.prune(before);
    this.hearth.store.actions.prune(before);
  }

  /** Stops everything, each step whatever the one before did; the lock is released last, always. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const steps = new Closers(); // closed last added first
      steps.add(() => this.ownership?.release());
      steps.add(() => this.hearth.close());
      steps.add(() => this.purges.flush());
      steps.add(() => this.queue.stop());
      steps.add(() => this.writes.stop());
      steps.add(() => this.switcher.stop());
      steps.add(() => this.roots.close());
      try {
        await steps.close();
      } finally {
        this.log.info("daemon stopped");
        this.resolveStopped();
      }
    })();
    return this.stopping;
  }

  pendingCount(matches: (path: string) => boolean): number {
    return this.queue.count(matches);
  }

  activity(): DaemonActivity {
    const blocked = this.writes.status();
    const progress = this.queue.progress();
    const pending = progress.pending + progress.active.length;
    return {
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      activity: blocked
        ? `disk full: ${blocked.waiting} files wait to be indexed`
        : this.reconciling > 0 || this.roots.pending > 0
          ? "reconciling"
          : progress.active.length > 0
            ? `indexing ${progress.active[0]}`
            : "idle",
      queue: {
        ...progress,
        ratePerSec: Math.round(progress.ratePerSec * 10) / 10,
        etaSeconds:
          progress.ratePerSec > 0 && pending > 0 ? Math.ceil(pending / progress.ratePerSec) : null,
      },
      model: this.hearth.model.current?.info.name ?? null,
      writeBlocked: blocked,
      modelSwitch: this.switcher.status(),
      lastModelSwitch: this.switcher.lastResult(),
      recentErrors: [...this.recentErrors],
      unreadable: this.roots.unreadableFolders(),
      watchedFolders: this.roots.watchedFolders(),
      memory: memoryReport(),
    };
  }

  /** Follows `hearth add` / `hearth remove`: watches new roots, forgets removed ones. */
  async reloadRoots(): Promise<void> {
    await this.roots.sync(loadConfig(this.hearth.paths.configFile).roots, this.memoryPath);
  }

  /**
   * Startup (or rule change) reconciliation: a pure plan, applied through the queue behind live edits.
   * At start the watcher's walk supplies the files on disk; after a rule change the root is scanned.
   */
  private async reconcile(root: WatchedRoot, found?: readonly FileStat[]): Promise<void> {
    this.reconciling++;
    try {
      const disk = found ?? (await root.watcher.scan());
      const plan = planRoot(disk, this.hearth.store.filesOfRoot(root.id));
      for (const path of plan.remove) this.hearth.store.deleteFile(path);
      if (plan.remove.length > 0) this.changed(plan.remove);
      for (const file of plan.check) this.queue.push(file.path, false);
      this.log.info("reconciled", {
        root: root.path,
        check: plan.check.length,
        unchanged: plan.unchanged,
        removed: plan.remove.length,
      });
      await this.queue.idle();
      const embedder = this.hearth.model.current;
      if (embedder) await backfillVectors(this.hearth.store, embedder);
    } catch (err) {
      this.recordError(root.path, `reconcile failed: ${errorMessage(err)}`);
    } finally {
      this.reconciling--;
    }
  }

  private onEvent(root: WatchedRoot, path: string): void {
    if (IgnoreRules.isIgnoreFile(path)) {
      root.rules.reset();
      void this.reconcile(root);
      return;
    }
    this.log.debug("file event", { path });
    this.queue.push(path, true);
  }

  /**
   * Processes a path; when the index cannot record the outcome (a full disk), the path is kept and
   * retried with back-off instead of being lost with the failure row that could not be written.
   */
  private async processRecorded(path: string, slow: boolean): Promise<void> {
    try {
      await this.process(path, slow);
      this.writes.written(path);
    } catch (err) {
      if (!isWriteFailure(err)) throw err;
      if (this.writes.add(path, err)) this.recordError(path, this.writes.status()!.message);
    }
  }

  /** Brings one path in the index to what is on disk now, whatever the event was. */
  private async process(path: string, slow: boolean): Promise<void> {
    const root = this.policy.rootOf(path);
    if (!root) return;
    const { store } = this.hearth;
    let info;
    try {
      info = await lstat(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      this.scans.record(path, "gone");
      if (store.deleteFile(path) || store.deleteFilesUnder(path) > 0) this.changed([path]); // a file, or a folder, is gone
      return;
    }
    if (info.isDirectory()) {
      if (!this.policy.walksFolder(path)) return;
      for (const file of await scanRoot(path, root.rules)) this.queue.push(file.path, true);
      return;
    }
    // Symlinks, FIFOs, devices, ignored files and kinds Hearth does not read never enter the index.
    const verdict = this.policy.check(path, info);
    if (!verdict.indexable && verdict.code !== "FILE_TOO_LARGE") {
      this.scans.record(path, "gone");
      if (store.deleteFile(path)) this.changed([path]);
      return;
    }
    const previous = store.getFile(path);
    const stat = { path, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
    if (previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs) return;
    const rootId = (root as WatchedRoot).id; // the policy's roots are the watched ones
    const outcome = await indexFile(this.hearth.indexDeps, rootId, stat, previous, {
      ocrLater: !slow,
    });
    this.scans.record(path, outcome);
    if (outcome.status === "ocr-later") {
      // Pushed while it runs, so it runs again when this ends: in the slow lane, as a scan.
      this.queue.push(path, true);
      return;
    }
    if (outcome.status === "failed") this.recordError(path, outcome.error);
    if (outcome.status !== "same-content") this.changed([path]);
  }

  private recordError(path: string, error: string): void {
    this.log.warn("indexing failed", { path, error });
    this.recentErrors.unshift({ path, error, at: new Date().toISOString() });
    this.recentErrors.length = Math.min(this.recentErrors.length, MAX_RECENT_ERRORS);
  }
}
