// "This file or folder, or below it" as SQL: a range over UTF-8 strings, right for any Unicode name.
import { sep } from "node:path";
import type { Sql } from "./types.js";

/**
 * `column` is `prefix` itself, or a path below it — never a sibling such as "notes-old" for "notes".
 * SQLite compares TEXT byte by byte (BINARY collation), so every path that starts with "dir/" lies
 * in ["dir/", "dir0") ("0" follows "/"). Character counts are never compared, so astral-plane
 * names (emoji) cannot throw the test off as `substr` against a UTF-16 length did, and the path
 * index serves the range.
 */
export function pathPrefixSql(prefix: string, column = "f.path"): Sql {
  const exact = prefix.length > 1 ? prefix.replace(/[/\\]+$/, "") : prefix;
  const dir = exact.endsWith(sep) ? exact : exact + sep;
  const after = dir.slice(0, -1) + String.fromCharCode(sep.charCodeAt(0) + 1);
  return {
    text: `(${column} = ? OR (${column} >= ? AND ${column} < ?))`,
    params: [exact, dir, after],
  };
}
