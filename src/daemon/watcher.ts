// Watches one root with chokidar and reports file events after a quiet period, once per burst per path.
import { watch, type FSWatcher } from "chokidar";
import type { IgnoreRules } from "../pipeline/ignore-rules.js";

export type WatchEvent = "add" | "change" | "unlink" | "addDir" | "unlinkDir";

export interface RootWatcher {
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchRoot(
  rules: IgnoreRules,
  debounceMs: number,
  onEvent: (event: WatchEvent, path: string) => void,
  onError: (err: unknown) => void,
): RootWatcher {
  const timers = new Map<string, { event: WatchEvent; timer: NodeJS.Timeout }>();
  const watcher: FSWatcher = watch(rules.root, {
    ignoreInitial: true,
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
  for (const event of ["add", "change", "unlink", "addDir", "unlinkDir"] as const) {
    watcher.on(event, (path: string) => settle(event, path));
  }
  watcher.on("error", onError);
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    ready,
    async close() {
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
      await watcher.close();
    },
  };
}
