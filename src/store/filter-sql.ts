// Search filters as a WHERE fragment over `files f`.
import { pathPrefixSql } from "./path-prefix.js";
import type { SearchFilters, Sql } from "./types.js";

export function hasFilters(f: SearchFilters): boolean {
  return (
    f.pathPrefix !== undefined ||
    f.within !== undefined ||
    (f.kinds?.length ?? 0) > 0 ||
    f.after !== undefined ||
    f.before !== undefined
  );
}

export function filterSql(f: SearchFilters): Sql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: Sql) => {
    clauses.push(sql.text);
    params.push(...sql.params);
  };
  if (f.pathPrefix !== undefined) add(pathPrefixSql(f.pathPrefix));
  if (f.within !== undefined) {
    const roots = f.within.map((root) => pathPrefixSql(root));
    add(
      roots.length === 0
        ? { text: "0", params: [] }
        : {
            text: `(${roots.map((r) => r.text).join(" OR ")})`,
            params: roots.flatMap((r) => r.params),
          },
    );
  }
  // One parameter however many kinds: the SQL keeps one shape, and no list can exceed SQLite's
  // limit on variables.
  if (f.kinds && f.kinds.length > 0)
    add({ text: "f.kind IN (SELECT value FROM json_each(?))", params: [JSON.stringify(f.kinds)] });
  if (f.after !== undefined) add({ text: "f.mtime_ms >= ?", params: [f.after] });
  if (f.before !== undefined) add({ text: "f.mtime_ms < ?", params: [f.before] });
  return { text: clauses.length > 0 ? clauses.join(" AND ") : "1", params };
}
