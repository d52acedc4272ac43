// Runs a structured table query: matching rows, or groups with aggregates, each citing its source rows.
import type Database from "better-sqlite3";
import { HearthError } from "../errors.js";
import { unitsToNumber } from "../tables/fixed-point.js";
import type { CategoryRules } from "./categories.js";
import { type Sql, categorySql, whereSql } from "./conditions.js";
import { TIME_GROUPS, type TableQuery } from "./spec.js";
import {
  type SourceColumn,
  type TableSource,
  column,
  resolveSource,
  roleColumn,
} from "./table-source.js";

/** Rows cited per group: enough to check an answer, bounded so a year of groceries stays small. */
const CITED_ROWS_PER_GROUP = 20;

export type Value = string | number | null;

export interface Citation {
  path: string;
  sheet?: string;
  rows: number[];
}

export interface RowsAnswer {
  table: string;
  total: number;
  rows: {
    values: Record<string, Value>;
    category?: string;
    source: { path: string; sheet?: string; row: number };
  }[];
  notes: string[];
}

export interface GroupsAnswer {
  table: string;
  group_by: string | null;
  total_groups: number;
  groups: ({ key: Value; currency?: string | null; count: number } & Partial<
    Record<"sum" | "avg" | "min" | "max", Value>
  > & {
      sources: Citation[];
      more_rows: number;
    })[];
  notes: string[];
}

/** What SQLite hands back for our cells: JSON cells give integers, text or NULL. */
type SqlValue = string | number | null;

function present(col: SourceColumn, value: SqlValue | undefined): Value {
  if (value === null || value === undefined) return null;
  if ((col.type === "amount" || col.type === "number") && typeof value === "number")
    return unitsToNumber(value);
  return typeof value === "number" ? value : String(value);
}

function groupKey(
  source: TableSource,
  by: string,
  category: Sql | null,
): { sql: Sql; col: SourceColumn | null } {
  const time = TIME_GROUPS.find((g) => g === by.toLowerCase());
  if (time) {
    const date = roleColumn(source, "date", `grouping by ${time}`).expr;
    const text = {
      day: date,
      week: `strftime('%G-W%V', ${date})`,
      month: `substr(${date}, 1, 7)`,
      year: `substr(${date}, 1, 4)`,
    }[time];
    return { sql: { text, params: [] }, col: null };
  }
  if (by.toLowerCase() === "category" && category) return { sql: category, col: null };
  const col = column(source, by, "group_by");
  return { sql: { text: col.expr, params: [] }, col };
}

/** The dates of a statement read without a year, said once per answer so nobody is misled. */
function readingNotes(db: Database.Database, source: TableSource, where: Sql): string[] {
  const ids = db
    .prepare(`SELECT DISTINCT d.id FROM ${source.from} ${where.text} LIMIT 100`)
    .pluck()
    .all(...where.params) as number[];
  const notes = new Set<string>();
  for (const id of ids) {
    const row = db
      .prepare(
        "SELECT f.path, d.columns FROM data_tables d JOIN files f ON f.id = d.file_id WHERE d.id = ?",
      )
      .get(id) as {
      path: string;
      columns: string;
    };
    for (const c of JSON.parse(row.columns) as { name: string; reading?: string }[]) {
      if (c.reading?.startsWith("year not written"))
        notes.add(`${row.path}: ${c.name}: ${c.reading}`);
    }
  }
  return [...notes];
}

export function runTableQuery(
  db: Database.Database,
  query: TableQuery,
  categories: CategoryRules,
): RowsAnswer | GroupsAnswer {
  const source = resolveSource(db, query.table);
  const where = whereSql(source, query, categories.rules);
  const description = source.columns.find((c) => c.role === "description");
  const category = description ? categorySql(description, categories.rules) : null;
  const notes = readingNotes(db, source, where);
  if (query.group_by || query.aggregates)
    return groupsAnswer(db, source, query, where, category, notes);
  return rowsAnswer(db, source, query, where, category, notes);
}

function rowsAnswer(
  db: Database.Database,
  source: TableSource,
  query: TableQuery,
  where: Sql,
  category: Sql | null,
  notes: string[],
): RowsAnswer {
  const hasDate = source.columns.some((c) => c.type === "date");
  const sortBy = query.sort ?? (hasDate ? "date" : null);
  const direction = query.descending ? "DESC" : "ASC";
  const order = sortBy
    ? `${(sortBy === "date" ? roleColumn(source, "date", "sorting by date") : column(source, sortBy, "sort")).expr} ${direction}, f.path, ${source.rowExpr}`
    : `f.path, ${source.rowExpr} ${direction}`;
  const selected = source.columns.map((c, i) => `${c.expr} AS c${i}`);
  const select = [
    `f.path AS path`,
    `d.name AS sheet`,
    `${source.rowExpr} AS row`,
    ...selected,
    ...(category ? [`${category.text} AS category`] : []),
  ];
  const rows = db
    .prepare(
      `SELECT ${select.join(", ")} FROM ${source.from} ${where.text} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...(category?.params ?? []), ...where.params, query.limit, query.offset) as Record<
    string,
    SqlValue
  >[];
  const total = db
    .prepare(`SELECT count(*) FROM ${source.from} ${where.text}`)
    .pluck()
    .get(...where.params) as number;
  return {
    table: source.ref,
    total,
    rows: rows.map((r) => ({
      values: Object.fromEntries(source.columns.map((c, i) => [c.name, present(c, r[`c${i}`])])),
      ...(category ? { category: String(r.category) } : {}),
      source: {
        path: String(r.path),
        ...(r.sheet ? { sheet: String(r.sheet) } : {}),
        row: Number(r.row),
      },
    })),
    notes,
  };
}

function groupsAnswer(
  db: Database.Database,
  source: TableSource,
  query: TableQuery,
  where: Sql,
  category: Sql | null,
  notes: string[],
): GroupsAnswer {
  const aggregates =
    query.aggregates ??
    (source.columns.some((c) => c.role === "amount") || query.of ? ["sum", "count"] : ["count"]);
  const numeric = aggregates.filter((a) => a !== "count");
  const target = numeric.length
    ? query.of
      ? column(source, query.of, "of")
      : roleColumn(source, "amount", `"${numeric[0]}"`, 'name the column to aggregate with "of"')
    : null;
  if (target && target.type !== "amount" && target.type !== "number") {
    throw new HearthError(
      "TABLE_QUERY_INVALID",
      `"${target.name}" holds ${target.type}s, which cannot be summed or averaged`,
      "aggregate an amount or number column, or use count",
    );
  }
  const key = query.group_by
    ? groupKey(source, query.group_by, category)
    : { sql: { text: "NULL", params: [] }, col: null };
  // Only numbers are aggregated: a cell that did not parse stays text and is left out.
  const value = target
    ? `CASE WHEN typeof(${target.expr}) = 'integer' THEN ${target.expr} END`
    : "NULL";
  const currency = source.currencyExpr ?? "NULL";
  const date = source.columns.find((c) => c.type === "date");
  const sortBy = (query.sort ?? "key").toLowerCase();
  if (sortBy !== "key" && !aggregates.includes(sortBy as never)) {
    throw new HearthError(
      "TABLE_QUERY_INVALID",
      `cannot sort groups by "${query.sort}"`,
      `sort groups by "key" or one of the aggregates asked for: ${aggregates.join(", ")}`,
    );
  }
  const sortExpr = sortBy === "key" ? "key" : sortBy === "avg" ? "sum * 1.0 / count" : sortBy;
  const refs = `group_concat(f.path || char(31) || d.name || char(31) || ${source.rowExpr}, char(30) ORDER BY ${date ? `${date.expr}, ` : ""}f.path, ${source.rowExpr})`;
  const sql = `SELECT ${key.sql.text} AS key, ${currency} AS currency, count(*) AS count, sum(${value}) AS sum,
      min(${value}) AS min, max(${value}) AS max, ${refs} AS refs
    FROM ${source.from} ${where.text} GROUP BY 1, 2`;
  const params = [...key.sql.params, ...where.params];
  const rows = db
    .prepare(
      `${sql} ORDER BY ${sortExpr} ${query.descending ? "DESC" : "ASC"}, key, currency LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as {
    key: SqlValue;
    currency: string | null;
    count: number;
    sum: number | null;
    min: number | null;
    max: number | null;
    refs: string;
  }[];
  const totalGroups = db
    .prepare(`SELECT count(*) FROM (${sql})`)
    .pluck()
    .get(...params) as number;
  const shown = (units: number | null): Value => (units === null ? null : unitsToNumber(units));
  return {
    table: source.ref,
    group_by: query.group_by ?? null,
    total_groups: totalGroups,
    groups: rows.map((r) => ({
      key: key.col ? present(key.col, r.key) : r.key,
      ...(source.currencyExpr ? { currency: r.currency } : {}),
      count: r.count,
      ...(aggregates.includes("sum") ? { sum: shown(r.sum ?? 0) } : {}),
      ...(aggregates.includes("avg")
        ? { avg: r.sum === null ? null : unitsToNumber(Math.round(r.sum / r.count)) }
        : {}),
      ...(aggregates.includes("min") ? { min: shown(r.min) } : {}),
      ...(aggregates.includes("max") ? { max: shown(r.max) } : {}),
      ...citations(r.refs),
    })),
    notes,
  };
}

function citations(refs: string | null): { sources: Citation[]; more_rows: number } {
  const all = refs ? refs.split("\u001e") : [];
  const sources: Citation[] = [];
  for (const ref of all.slice(0, CITED_ROWS_PER_GROUP)) {
    const [path = "", sheet = "", row = "0"] = ref.split("\u001f");
    let citation = sources.find((s) => s.path === path && (s.sheet ?? "") === sheet);
    if (!citation) {
      citation = { path, ...(sheet ? { sheet } : {}), rows: [] };
      sources.push(citation);
    }
    citation.rows.push(Number(row));
  }
  return { sources, more_rows: Math.max(0, all.length - CITED_ROWS_PER_GROUP) };
}
