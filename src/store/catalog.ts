// Read-side summaries of what is indexed: per-root sources, recently changed files, the file list.
import type Database from "better-sqlite3";

export interface SourceSummary {
  path: string;
  files: number;
  failed: number;
  kinds: Record<string, number>;
  lastIndexed: string | null;
}

export interface FileEntry {
  path: string;
  kind: string;
  title: string;
  modified: string;
  size: number;
}

interface FileRow {
  path: string;
  kind: string;
  title: string;
  mtimeMs: number;
  size: number;
}

const toEntry = (r: FileRow): FileEntry => ({
  path: r.path,
  kind: r.kind,
  title: r.title,
  modified: new Date(r.mtimeMs).toISOString(),
  size: r.size,
});

export function sourceSummaries(db: Database.Database, roots: readonly string[]): SourceSummary[] {
  return roots.map((root) => {
    const prefix = root.endsWith("/") ? root : root + "/";
    const rows = db
      .prepare(
        `SELECT kind, status, count(*) AS n, max(indexed_at) AS last FROM files
         WHERE substr(path, 1, ?) = ? GROUP BY kind, status`,
      )
      .all(prefix.length, prefix) as { kind: string; status: string; n: number; last: number }[];
    const kinds: Record<string, number> = {};
    let files = 0;
    let failed = 0;
    let last = 0;
    for (const r of rows) {
      if (r.status === "failed") failed += r.n;
      else {
        files += r.n;
        kinds[r.kind] = (kinds[r.kind] ?? 0) + r.n;
      }
      last = Math.max(last, r.last);
    }
    return {
      path: root,
      files,
      failed,
      kinds,
      lastIndexed: last ? new Date(last).toISOString() : null,
    };
  });
}

export function recentFiles(
  db: Database.Database,
  sinceMs: number,
  limit: number,
  offset: number,
): { files: FileEntry[]; total: number } {
  const total = db
    .prepare("SELECT count(*) FROM files WHERE status = 'indexed' AND mtime_ms >= ?")
    .pluck()
    .get(sinceMs) as number;
  const rows = db
    .prepare(
      `SELECT path, kind, title, mtime_ms AS mtimeMs, size FROM files
       WHERE status = 'indexed' AND mtime_ms >= ? ORDER BY mtime_ms DESC, path LIMIT ? OFFSET ?`,
    )
    .all(sinceMs, limit, offset) as FileRow[];
  return { files: rows.map(toEntry), total };
}

export function listFiles(db: Database.Database, limit: number, offset: number): FileEntry[] {
  const rows = db
    .prepare(
      `SELECT path, kind, title, mtime_ms AS mtimeMs, size FROM files WHERE status = 'indexed'
       ORDER BY path LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as FileRow[];
  return rows.map(toEntry);
}
