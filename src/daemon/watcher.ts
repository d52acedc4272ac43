// Watches one root, one native watch per folder, and reports changed paths after a quiet period,
// once per burst per path.
//
// Folders, not files: a folder's watch hears of every entry in it being made, changed, renamed or
// deleted, so 100k files in 1,000 folders cost 1,000 watches. (A watcher per file kept each file's
// stats in the heap: ~700 MB at 100k files.) A folder's watch follows its inode, so when a folder is
// renamed its watches are dropped and the new name is walked and watched afresh: events then carry
// the current paths. Events only say "look at this path": the daemon reads the disk to decide what
// changed, so their kind does not matter.
import { watch, type FSWatcher } from "node:fs";
import { lstat } from "node:fs/promises";
import { join, sep } from "node:path";
import { errorMessage } from "../errors.js";
import type { IgnoreRules } from "../pipeline/ignore-rules.js";
import { scanRoot } from "../pipeline/scan-root.js";
import type { FileStat } from "../store/types.js";

export interface RootWatcher {
  /**
   * Walks the root, watching each folder before listing it (so no change falls between the two),
   * and dropping the watches of folders no longer walked (ignored since); the files found.
   */
  scan(): Promise<FileStat[]>;
  /** Events waiting out their quiet period or being followed: not yet in the queue, but coming. */
  pending(): number;
  /** How many folders are watched now. */
  folders(): number;
  close(): Promise<void>;
}

export interface WatchHandlers {
  /** Something at `path` changed, appeared or went (a file or a folder). */
  onChange: (path: string) => void;
  /** The root folder itself is gone: this watcher sees nothing more. */
  onRootGone: () => void;
  /** A folder that could not be listed (permissions). */
  onUnreadable: (dir: string, code: string) => void;
  /** A folder that could not be watched, and why (a system limit, say). */
  onProblem: (dir: string, message: string) => void;
}

interface FolderWatch {
  watcher: FSWatcher;
  /** Set once known: a folder of the same name with another inode is another folder. */
  ino?: number;
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + sep);
}

function whyUnwatchable(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOSPC")
    return "cannot watch it: the system's limit on watched folders is reached; raise it (Linux: sudo sysctl fs.inotify.max_user_watches=524288)";
  return `cannot watch it: ${errorMessage(err)}`;
}

export function watchRoot(
  rules: IgnoreRules,
  debounceMs: number,
  handlers: WatchHandlers,
): RootWatcher {
  const root = rules.root;
  const folders = new Map<string, FolderWatch>();
  const timers = new Map<string, NodeJS.Timeout>();
  const stop = new AbortController();
  let following = 0;

  const unwatchUnder = (dir: string) => {
    for (const [path, folder] of folders) {
      if (!isUnder(path, dir)) continue;
      folder.watcher.close();
      folders.delete(path);
    }
  };

  const watchFolder = (dir: string) => {
    if (stop.signal.aborted || folders.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        const path = name ? join(dir, name) : dir;
        // Cheap first sieve (ignored as a file and as a folder: a swap file, say); the daemon's
        // policy decides the rest.
        if (path !== dir && rules.isIgnored(path, false) && rules.isIgnored(path, true)) return;
        settle(path);
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM") handlers.onUnreadable(dir, code);
      else if (code !== "ENOENT") handlers.onProblem(dir, whyUnwatchable(err));
      return;
    }
    // A folder deleted under its watch; what happens next is followed from its parent's events.
    watcher.on("error", () => unwatchUnder(dir));
    const folder: FolderWatch = { watcher };
    folders.set(dir, folder);
    void lstat(dir).then(
      (info) => (folder.ino = info.ino),
      () => undefined,
    );
  };

  const walk = (dir: string) =>
    scanRoot(dir, rules, {
      signal: stop.signal,
      onUnreadable: handlers.onUnreadable,
      onFolder: watchFolder,
    });

  /** Keeps the watched folders in step with a path that changed: gone, new, or replaced. */
  const follow = async (path: string) => {
    const info = await lstat(path).catch(() => null);
    if (!info?.isDirectory()) {
      unwatchUnder(path);
      if (!info && !(await lstat(root).catch(() => null))?.isDirectory()) handlers.onRootGone();
      return;
    }
    const known = folders.get(path);
    if (known && (known.ino === undefined || known.ino === info.ino)) return;
    unwatchUnder(path); // renamed over, or moved here from inside the root: watched afresh
    if (!rules.isIgnored(path, true)) await walk(path);
  };

  const settle = (path: string) => {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        following++;
        follow(path)
          .catch(() => undefined) // aborted by close, or the path went meanwhile
          .finally(() => {
            following--;
            if (!stop.signal.aborted) handlers.onChange(path);
          });
      }, debounceMs),
    );
  };

  return {
    async scan() {
      const before = new Set(folders.keys()); // not those a change adds meanwhile
      const walked = new Set<string>();
      const found = await scanRoot(root, rules, {
        signal: stop.signal,
        onUnreadable: handlers.onUnreadable,
        onFolder: (dir) => {
          walked.add(dir);
          watchFolder(dir);
        },
      });
      for (const dir of before) if (!walked.has(dir)) unwatchUnder(dir);
      return found;
    },
    pending: () => timers.size + following,
    folders: () => folders.size,
    close() {
      stop.abort();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      unwatchUnder(root);
      return Promise.resolve();
    },
  };
}
