// Reconciles disk against the index as a pure plan: what to read, what is unchanged, what to delete.
import type { FileRecord, FileStat } from "../store/types.js";

export interface RootPlan {
  /** New files, and files whose size or mtime changed: read, hash, and re-index if the content changed. */
  check: FileStat[];
  /** Same size and mtime as indexed: not read at all. */
  unchanged: number;
  /** Indexed paths no longer on disk. */
  remove: string[];
}

export function planRoot(disk: readonly FileStat[], indexed: readonly FileRecord[]): RootPlan {
  const known = new Map(indexed.map((f) => [f.path, f]));
  const check: FileStat[] = [];
  let unchanged = 0;
  for (const file of disk) {
    const record = known.get(file.path);
    known.delete(file.path);
    if (record && record.size === file.size && record.mtimeMs === Math.trunc(file.mtimeMs)) {
      unchanged++;
    } else {
      check.push(file);
    }
  }
  return { check, unchanged, remove: [...known.keys()] };
}
