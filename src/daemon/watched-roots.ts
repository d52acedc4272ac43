// The daemon's roots: each watched with its ignore rules; the configured set kept in step with the
// config; a root that disappears (deleted, unmounted) looked for until it comes back, then watched
// and reconciled again; folders that cannot be read reported, not silently skipped.
import { realpath, stat } from "node:fs/promises";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import { IgnoreRules, type IgnoreOptions } from "../pipeline/ignore-rules.js";
import type { IndexPolicy, PolicyRoot } from "../pipeline/index-policy.js";
import type { Store } from "../store/store.js";
import type { FileStat } from "../store/types.js";
import { watchRoot, type RootWatcher } from "./watcher.js";

/** How often roots are checked for having gone or come back. */
const CHECK_MS = 1000;

export interface WatchedRoot extends PolicyRoot {
  id: number;
  watcher: RootWatcher;
  /** The folder's inode when watching began: another means it was deleted and made again. */
  ino: number;
}

export interface RootEvents {
  /** Something at `path` changed, appeared or went. */
  onFileEvent(root: WatchedRoot, path: string): void;
  /** The first walk is done: `found` are the files on disk, to reconcile with. */
  onWatching(root: WatchedRoot, found: readonly FileStat[]): void;
  /** Files left the index (a root forgotten, or gone). */
  /** The index changed under these folders. */
  onChanged(paths: readonly string[]): void;
  onProblem(path: string, message: string): void;
}

export class WatchedRoots {
  readonly list: WatchedRoot[] = [];
  /** Configured roots that are not there now: watched for. */
  private readonly missing = new Set<string>();
  /** Folders inside roots that could not be read, and why. */
  private readonly unreadable = new Map<string, string>();
  private starting = 0;
  /** The check under way, if any: one at a time, and close() waits for it. */
  private checking: Promise<void> | null = null;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly ignore: IgnoreOptions,
    private readonly debounceMs: number,
    private readonly policy: () => IndexPolicy,
    private readonly events: RootEvents,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => {
      this.checking ??= this.check()
        .catch((err: unknown) => this.log.warn("root check failed", { error: errorMessage(err) }))
        .finally(() => (this.checking = null));
    }, CHECK_MS);
    this.timer.unref();
  }

  /** Roots whose first walk has not finished: the index is not known to match them yet. */
  get pending(): number {
    return this.starting;
  }

  watchedFolders(): number {
    return this.list.reduce((sum, root) => sum + root.watcher.folders(), 0);
  }

  unreadableFolders(): { path: string; error: string }[] {
    return [...this.unreadable].map(([path, error]) => ({ path, error }));
  }

  /**
   * Makes the watched roots the configured ones plus the memory folder: one notion of roots for
   * the daemon, the CLI, MCP and status. A root the index holds but the config no longer names
   * (removed, or left by an older one-shot index) is forgotten, its files with it; a configured
   * root that is not there keeps its files and is watched for.
   */
  async sync(configured: readonly string[], memory: string): Promise<void> {
    const wanted = new Set<string>([memory]);
    this.missing.clear();
    for (const root of configured) {
      try {
        wanted.add(await realpath(root));
      } catch (err) {
        this.missing.add(root);
        this.events.onProblem(root, `root is not available: ${errorMessage(err)}; watching for it`);
      }
    }
    for (const root of [...this.list]) {
      if (wanted.has(root.path)) continue;
      await this.unwatch(root);
      this.store.removeRoot(root.path);
      this.events.onChanged([root.path]);
    }
    for (const stale of this.store.listRoots()) {
      if (!wanted.has(stale.path) && !this.missing.has(stale.path)) {
        if (this.store.removeRoot(stale.path) > 0) this.events.onChanged([stale.path]);
      }
    }
    for (const path of wanted) {
      if (!this.list.some((r) => r.path === path)) await this.watch(path);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    // A check under way touches the store after its awaits: it ends before the store closes.
    await this.checking;
    await Promise.all(this.list.map((r) => r.watcher.close()));
  }

  private async unwatch(root: WatchedRoot): Promise<void> {
    this.list.splice(this.list.indexOf(root), 1);
    await root.watcher.close();
  }

  /**
   * Starts watching; the first walk (the start-up scan) runs on after this returns, so a daemon
   * answers while it scans a large tree: `pending` counts the roots still walking.
   */
  private async watch(path: string): Promise<void> {
    this.starting++;
    let root: WatchedRoot;
    try {
      const ino = (await stat(path)).ino;
      const record = this.store.addRoot(path);
      const rules = new IgnoreRules(path, this.ignore);
      const watcher = watchRoot(rules, this.debounceMs, {
        onChange: (p) => this.events.onFileEvent(root, p),
        // Its watch is dead, even if a new folder comes with the same inode.
        onRootGone: () => void this.lose(root),
        onUnreadable: (dir, code) => this.onUnreadable(dir, code),
        onProblem: (dir, message) => this.events.onProblem(dir, message),
      });
      root = { id: record.id, path, rules, watcher, ino };
      this.list.push(root);
    } catch (err) {
      this.starting--;
      this.events.onProblem(path, `cannot watch: ${errorMessage(err)}`);
      return;
    }
    root.watcher
      .scan()
      .then((found) => {
        if (!this.list.includes(root)) return;
        const policy = this.policy();
        this.events.onWatching(
          root,
          found.filter((f) => policy.check(f.path).indexable),
        );
      })
      .catch((err: unknown) => this.events.onProblem(path, `cannot watch: ${errorMessage(err)}`))
      .finally(() => this.starting--);
  }

  private onUnreadable(dir: string, code: string): void {
    if (this.unreadable.has(dir)) return;
    this.unreadable.set(dir, `cannot be read (${code}): its files are not indexed`);
    this.events.onProblem(
      dir,
      `cannot be read (${code}): its files are not indexed; fix its permissions, or ignore it in .hearthignore`,
    );
  }

  /** A root is gone: its files leave the index as their events come; it is watched for. */
  private async lose(root: WatchedRoot): Promise<void> {
    if (!this.list.includes(root)) return;
    await this.unwatch(root);
    this.missing.add(root.path);
    this.store.deleteFilesUnder(root.path);
    this.events.onChanged([root.path]);
    this.events.onProblem(root.path, "the folder is gone; watching for it to come back");
  }

  /** Notices roots that went away, or came back (as a new folder), and watches them again. */
  private async check(): Promise<void> {
    for (const root of [...this.list]) {
      const now = await stat(root.path).catch(() => null);
      if (this.closed) return;
      if (now?.isDirectory() && now.ino === root.ino) continue;
      if (now?.isDirectory()) {
        await this.unwatch(root);
        await this.watch(root.path); // made again: its files are reconciled
      } else {
        await this.lose(root);
      }
    }
    for (const configured of [...this.missing]) {
      const path = await realpath(configured).catch(() => null);
      if (!path || !(await stat(path).catch(() => null))?.isDirectory() || this.closed) continue;
      this.missing.delete(configured);
      if (!this.list.some((r) => r.path === path)) await this.watch(path);
    }
  }
}
