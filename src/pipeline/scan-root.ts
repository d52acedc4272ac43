// Walks a root folder for files that an indexer can read, with their size and mtime (stat only, no reads).
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { indexerFor } from "../indexers/registry.js";
import type { FileStat } from "../store/types.js";
import type { IgnoreRules } from "./ignore-rules.js";

export interface ScanOptions {
  signal?: AbortSignal;
  /**
   * Hears of every folder that could not be listed (permissions): its files are not indexed, and
   * the caller says so rather than skipping it silently.
   */
  onUnreadable?: (dir: string, code: string) => void;
  /** Hears of every folder walked, before it is listed (a watcher starts watching it there). */
  onFolder?: (dir: string) => void;
}

export async function scanRoot(
  root: string,
  rules: IgnoreRules,
  { signal, onUnreadable, onFolder }: ScanOptions = {},
): Promise<FileStat[]> {
  const out: FileStat[] = [];
  const pending = [root];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const dir = pending.pop()!;
    onFolder?.(dir);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // A folder deleted during the walk is skipped; one that cannot be read is reported.
      const code = (err as NodeJS.ErrnoException).code ?? "";
      if (code === "EACCES" || code === "EPERM") onUnreadable?.(dir, code);
      if (["ENOENT", "EACCES", "EPERM", "ENOTDIR"].includes(code)) continue;
      throw err;
    }
    const files: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Symlinks are not followed: they can leave the root or loop.
      if (entry.isDirectory()) {
        if (!rules.isIgnored(path, true)) pending.push(path);
      } else if (entry.isFile() && indexerFor(path) && !rules.isIgnored(path, false)) {
        files.push(path);
      }
    }
    // A folder's files are stat'ed together: one at a time, 100k files take seconds longer.
    const stats = await Promise.all(
      files.map((path) =>
        stat(path).then(
          (s) => ({ path, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) }),
          (err: NodeJS.ErrnoException) => {
            if (err.code === "ENOENT") return null; // deleted during the walk
            throw err;
          },
        ),
      ),
    );
    for (const s of stats) if (s) out.push(s);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
