// Search filters and their SQL: applied inside the queries, never after the fact.
import { sep } from "node:path";

export interface SearchFilters {
  /** Absolute folder or file path; matches itself and everything below it, never a sibling like "notes-old". */
  pathPrefix?: string;
  kinds?: readonly string[];
  /** Modified at or after, epoch ms. */
  after?: number;
  /** Modified before, epoch ms. */
  before?: number;
}

export function hasFilters(f: SearchFilters): boolean {
  return (
    f.pathPrefix !== undefined ||
    (f.kinds?.length ?? 0) > 0 ||
    f.after !== undefined ||
    f.before !== undefined
  );
}

/** `f.path` is this file or folder, or lies below it (never a sibling such as "notes-old"). */
export function pathPrefixSql(prefix: string): { sql: string; params: unknown[] } {
  const dir = prefix.endsWith(sep) ? prefix : prefix + sep;
  return {
    sql: "(f.path = ? OR substr(f.path, 1, ?) = ?)",
    params: [prefix.replace(/[/\\]+$/, ""), dir.length, dir],
  };
}

/** A WHERE fragment over `files f` and its parameters. */
export function filterSql(f: SearchFilters): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.pathPrefix !== undefined) {
    const path = pathPrefixSql(f.pathPrefix);
    clauses.push(path.sql);
    params.push(...path.params);
  }
  if (f.kinds && f.kinds.length > 0) {
    clauses.push(`f.kind IN (${f.kinds.map(() => "?").join(", ")})`);
    params.push(...f.kinds);
  }
  if (f.after !== undefined) {
    clauses.push("f.mtime_ms >= ?");
    params.push(f.after);
  }
  if (f.before !== undefined) {
    clauses.push("f.mtime_ms < ?");
    params.push(f.before);
  }
  return { sql: clauses.length > 0 ? clauses.join(" AND ") : "1", params };
}
