// Read-side summaries of what is indexed: per-root sources, recently changed files, the file list.
import { filterSql } from "./filter-sql.js";
import { pathPrefixSql } from "./path-prefix.js";
import type { Statements } from "./statements.js";
import type { SearchFilters } from "./types.js";

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

export class Catalog {
  constructor(private readonly sql: Statements) {}

  sources(roots: readonly string[]): SourceSummary[] {
    return roots.map((root) => {
      const under = pathPrefixSql(root, "path");
      const rows = this.sql
        .get(
          `SELECT kind, status, count(*) AS n, max(indexed_at) AS last FROM files
           WHERE ${under.text} GROUP BY kind, status`,
        )
        .all(...under.params) as { kind: string; status: string; n: number; last: number }[];
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

  /** Indexed files changed since `sinceMs`, newest first, among those `filters` allow. */
  recent(
    sinceMs: number,
    filters: SearchFilters,
    limit: number,
    offset: number,
  ): { files: FileEntry[]; total: number } {
    const where = filterSql(filters);
    const rows = this.sql
      .get(
        `SELECT f.path, f.kind, f.title, f.mtime_ms AS mtimeMs, f.size, count(*) OVER () AS total
         FROM files f WHERE f.status = 'indexed' AND f.mtime_ms >= ? AND ${where.text}
         ORDER BY f.mtime_ms DESC, f.path LIMIT ? OFFSET ?`,
      )
      .all(sinceMs, ...where.params, limit, offset) as (FileRow & { total: number })[];
    const total =
      rows[0]?.total ??
      (this.sql
        .get(
          `SELECT count(*) FROM files f WHERE f.status = 'indexed' AND f.mtime_ms >= ? AND ${where.text}`,
        )
        .pluck()
        .get(sinceMs, ...where.params) as number);
    return { files: rows.map(toEntry), total };
  }

  /** Indexed files in path order, among those `filters` allow. */
  list(filters: SearchFilters, limit: number, offset: number): FileEntry[] {
    const where = filterSql(filters);
    const rows = this.sql
      .get(
        `SELECT f.path, f.kind, f.title, f.mtime_ms AS mtimeMs, f.size FROM files f
         WHERE f.status = 'indexed' AND ${where.text} ORDER BY f.path LIMIT ? OFFSET ?`,
      )
      .all(...where.params, limit, offset) as FileRow[];
    return rows.map(toEntry);
  }

  /** The index's counts within these folders (a profile's view of status). */
  countsWithin(roots: readonly string[]): {
    files: number;
    failed: number;
    chunks: number;
    vectors: number;
  } {
    const where = filterSql({ within: roots });
    const files = this.sql
      .get(
        `SELECT coalesce(sum(f.status = 'indexed'), 0) AS files,
           coalesce(sum(f.status = 'failed'), 0) AS failed FROM files f WHERE ${where.text}`,
      )
      .get(...where.params) as { files: number; failed: number };
    const chunks = this.sql
      .get(
        `SELECT count(*) AS chunks, coalesce(sum(c.has_vector), 0) AS vectors
         FROM chunks c JOIN files f ON f.id = c.file_id WHERE ${where.text}`,
      )
      .get(...where.params) as { chunks: number; vectors: number };
    return { ...files, ...chunks };
  }

  /** Files that failed to index within these folders, with why. */
  failuresWithin(
    roots: readonly string[],
    limit: number,
  ): { path: string; error: string | null }[] {
    const where = filterSql({ within: roots });
    return this.sql
      .get(
        `SELECT f.path, f.error FROM files f WHERE f.status = 'failed' AND ${where.text}
         ORDER BY f.path LIMIT ?`,
      )
      .all(...where.params, limit) as { path: string; error: string | null }[];
  }

  /** Files indexed in part (scanned pages left unread while OCR is off), and what was left; all roots when `roots` is null. */
  readInPart(roots: readonly string[] | null, limit: number): { path: string; unread: string }[] {
    const where = filterSql(roots ? { within: roots } : {});
    return this.sql
      .get(
        `SELECT f.path, f.error AS unread FROM files f
         WHERE f.status = 'indexed' AND f.error IS NOT NULL AND ${where.text}
         ORDER BY f.path LIMIT ?`,
      )
      .all(...where.params, limit) as { path: string; unread: string }[];
  }
}
