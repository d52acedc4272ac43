// A grouped query: aggregates per key (and per currency, so sums never mix them), each group citing
// the first of its rows.
import type { Statements } from "../statements.js";
import { unitsToNumber } from "../../tables/fixed-point.js";
import {
  type Citation,
  type GroupsAnswer,
  type QueryContext,
  type SqlValue,
  type Value,
  present,
} from "./answer.js";
import { invalid } from "./conditions.js";
import { TIME_GROUPS } from "../../table-query/limits.js";
import { type SourceColumn, column, roleColumn } from "./table-source.js";

/** Rows cited per group: enough to check an answer, bounded so a year of groceries stays small. */
const CITED_ROWS_PER_GROUP = 20;

interface GroupRow {
  key: SqlValue;
  currency: string | null;
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  groups: number;
}

/** The SQL of the group key, and the column it shows when it is one. */
function groupKey(ctx: QueryContext): { sql: string; col: SourceColumn | null } {
  const { source, query, category } = ctx;
  const by = query.group_by;
  if (!by) return { sql: "NULL", col: null };
  const time = TIME_GROUPS.find((g) => g === by.toLowerCase());
  if (time) {
    const date = roleColumn(source, "date", `grouping by ${time}`).expr;
    const sql = {
      day: date,
      week: `strftime('%G-W%V', ${date})`,
      month: `substr(${date}, 1, 7)`,
      year: `substr(${date}, 1, 4)`,
    }[time];
    return { sql, col: null };
  }
  if (by.toLowerCase() === "category" && category) return { sql: category.text, col: null };
  const col = column(source, by, "group_by");
  return { sql: col.expr, col };
}

function aggregatedColumn(ctx: QueryContext, aggregates: readonly string[]): SourceColumn | null {
  const numeric = aggregates.filter((a) => a !== "count");
  if (numeric.length === 0) return null;
  const target = ctx.query.of
    ? column(ctx.source, ctx.query.of, "of")
    : roleColumn(ctx.source, "amount", `"${numeric[0]}"`, 'name the column to aggregate with "of"');
  if (target.type !== "amount" && target.type !== "number") {
    throw invalid(
      `"${target.name}" holds ${target.type}s, which cannot be summed or averaged`,
      "aggregate an amount or number column, or use count",
    );
  }
  return target;
}

export function groupsAnswer(sql: Statements, ctx: QueryContext): GroupsAnswer {
  const { source, query, where } = ctx;
  const hasAmount = source.columns.some((c) => c.role === "amount");
  const aggregates = query.aggregates ?? (hasAmount || query.of ? ["sum", "count"] : ["count"]);
  const target = aggregatedColumn(ctx, aggregates);
  const key = groupKey(ctx);
  const sortBy = (query.sort ?? "key").toLowerCase();
  if (sortBy !== "key" && !(aggregates as string[]).includes(sortBy)) {
    throw invalid(
      `cannot sort groups by "${query.sort}"`,
      `sort groups by "key" or one of the aggregates asked for: ${aggregates.join(", ")}`,
    );
  }
  // Only numbers are aggregated: a cell that did not parse stays text and is left out.
  const value = target
    ? `CASE WHEN typeof(${target.expr}) = 'integer' THEN ${target.expr} END`
    : "NULL";
  const matched = `SELECT ${key.sql} AS key, ${source.currencyExpr ?? "NULL"} AS currency,
      ${value} AS v FROM ${source.from} ${where.text}`;
  const sortExpr = sortBy === "key" ? "key" : sortBy === "avg" ? "sum * 1.0 / count" : sortBy;
  const rows = sql
    .get(
      `SELECT key, currency, count(*) AS count, sum(v) AS sum, min(v) AS min, max(v) AS max,
         count(*) OVER () AS groups
       FROM (${matched}) GROUP BY key, currency
       ORDER BY ${sortExpr} ${query.descending ? "DESC" : "ASC"}, key, currency LIMIT ? OFFSET ?`,
    )
    .all(...where.params, query.limit, query.offset) as GroupRow[];
  const cited = citations(sql, ctx, key.sql);
  const shown = (units: number | null): Value => (units === null ? null : unitsToNumber(units));
  return {
    table: source.ref,
    group_by: query.group_by ?? null,
    total_groups: rows[0]?.groups ?? 0,
    groups: rows.map((r) => {
      const sources = cited.get(groupId(r.key, r.currency)) ?? [];
      const citedRows = sources.reduce((n, s) => n + s.rows.length, 0);
      return {
        key: key.col ? present(key.col, r.key) : r.key,
        ...(source.currencyExpr ? { currency: r.currency } : {}),
        count: r.count,
        ...(aggregates.includes("sum") ? { sum: shown(r.sum ?? 0) } : {}),
        ...(aggregates.includes("avg")
          ? { avg: r.sum === null ? null : unitsToNumber(Math.round(r.sum / r.count)) }
          : {}),
        ...(aggregates.includes("min") ? { min: shown(r.min) } : {}),
        ...(aggregates.includes("max") ? { max: shown(r.max) } : {}),
        sources,
        more_rows: r.count - citedRows,
      };
    }),
    notes: ctx.notes,
  };
}

function groupId(key: SqlValue, currency: string | null): string {
  return JSON.stringify([key, currency]);
}

/** The first rows of every group (by date, then file and row), as citations keyed by group. */
function citations(sql: Statements, ctx: QueryContext, keySql: string): Map<string, Citation[]> {
  const { source, where } = ctx;
  const date = source.columns.find((c) => c.type === "date");
  const currency = source.currencyExpr ?? "NULL";
  const rows = sql
    .get(
      `SELECT key, currency, path, sheet, row FROM (
         SELECT ${keySql} AS key, ${currency} AS currency, f.path AS path, d.name AS sheet,
           ${source.rowExpr} AS row,
           row_number() OVER (PARTITION BY ${keySql}, ${currency}
             ORDER BY ${date ? `${date.expr}, ` : ""}f.path, ${source.rowExpr}) AS n
         FROM ${source.from} ${where.text})
       WHERE n <= ${CITED_ROWS_PER_GROUP} ORDER BY key, currency, n`,
    )
    .all(...where.params) as {
    key: SqlValue;
    currency: string | null;
    path: string;
    sheet: string;
    row: number;
  }[];
  const byGroup = new Map<string, Citation[]>();
  for (const r of rows) {
    const id = groupId(r.key, r.currency);
    const sources = byGroup.get(id) ?? [];
    byGroup.set(id, sources);
    let citation = sources.find((s) => s.path === r.path && (s.sheet ?? "") === r.sheet);
    if (!citation) {
      citation = { path: r.path, ...(r.sheet ? { sheet: r.sheet } : {}), rows: [] };
      sources.push(citation);
    }
    citation.rows.push(r.row);
  }
  return byGroup;
}
