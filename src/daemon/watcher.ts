// Watches one root with chokidar and reports file events after a quiet period, once per burst per path.
import type { Stats } from "node:fs";
import { watch, type FSWatcher } from "chokidar";
import type { IgnoreRules } from "../pipeline/ignore-rules.js";

export type WatchEvent = "add" | "change" | "unlink" | "addDir" | "unlinkDir";

export interface RootWatcher {
  /** Resolves when the first walk is over, or the watcher was closed before that. */
  ready: Promise<void>;
  /** Events waiting out their quiet period: not yet in the queue, but coming. */
  pending(): number;
  close(): Promise<void>;
}

/**
 * `onInitial` receives every file found before `ready`, with its stat: the watcher's own walk doubles
 * as the start-up scan, so the tree is walked once (it was the larger half of a restart's time).
 */
export function watchRoot(
  rules: IgnoreRules,
  debounceMs: number,
  onEvent: (event: WatchEvent, path: string) => void,
  onError: (err: unknown) => void,
  onInitial: (path: string, stats: Stats) => void,
): RootWatcher {
  const timers = new Map<string, { event: WatchEvent; timer: NodeJS.Timeout }>();
  let isReady = false;
  const watcher: FSWatcher = watch(rules.root, {
    ignoreInitial: false,
    alwaysStat: true,
    followSymlinks: false, // a link can leave the root
    // chokidar ≥ 4 ignores globs silently, so filtering is a function. Without stats (first call)
    // only what is ignored both as a file and as a folder is skipped; the call with stats decides.
    ignored: (path, stats) =>
      stats
        ? rules.isIgnored(path, stats.isDirectory())
        : rules.isIgnored(path, true) && rules.isIgnored(path, false),
  });
  const settle = (event: WatchEvent, path: string) => {
    const pending = timers.get(path);
    if (pending) clearTimeout(pending.timer);
    // A save is often unlink + add (atomic rename): the last event of the burst wins.
    const timer = setTimeout(() => {
      timers.delete(path);
      onEvent(event, path);
    }, debounceMs);
    timers.set(path, { event, timer });
  };
  watcher.on("add", (path: string, stats?: Stats) => {
    if (!isReady && stats) onInitial(path, stats);
    else settle("add", path);
  });
  watcher.on("addDir", (path: string) => {
    if (isReady) settle("addDir", path);
  });
  for (const event of ["change", "unlink", "unlinkDir"] as const) {
    watcher.on(event, (path: string) => settle(event, path));
  }
  watcher.on("error", onError);
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  watcher.once("ready", () => {
    isReady = true;
    resolveReady();
  });
  return {
    ready,
    pending: () => timers.size,
    async close() {
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
      await watcher.close();
      resolveReady(); // closed before its first walk ended: nobody waits for it any more
    },
  };
}
