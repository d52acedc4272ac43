// Runs a structured table query: matching rows, or groups with aggregates, each citing its source rows.
import type { Statements } from "../statements.js";
import type { GroupsAnswer, RowsAnswer } from "./answer.js";
import { categorySql, whereSql } from "./conditions.js";
import type { Sql } from "../types.js";
import { groupsAnswer } from "./groups-answer.js";
import { rowsAnswer } from "./rows-answer.js";
import type { TableQuery } from "../../table-query/spec.js";
import { type TableSource, resolveSource } from "./table-source.js";

export type { GroupsAnswer, RowsAnswer, Value } from "./answer.js";

const YEAR_NOT_WRITTEN = "year not written";

/** Dates read without a year, said once per answer that uses them, so nobody is misled. */
function readingNotes(sql: Statements, source: TableSource, where: Sql): string[] {
  const flagged = sql
    .get(
      `SELECT d.id, f.path, d.columns FROM data_tables d JOIN files f ON f.id = d.file_id
       WHERE d.columns LIKE ?`,
    )
    .all(`%${YEAR_NOT_WRITTEN}%`) as { id: number; path: string; columns: string }[];
  const used = sql.get(
    `SELECT 1 FROM ${source.from} ${where.text ? `${where.text} AND` : "WHERE"} d.id = ? LIMIT 1`,
  );
  const notes: string[] = [];
  for (const table of flagged) {
    if (!used.get(...where.params, table.id)) continue;
    for (const c of JSON.parse(table.columns) as { name: string; reading?: string }[]) {
      if (c.reading?.includes(YEAR_NOT_WRITTEN))
        notes.push(`${table.path}: ${c.name}: ${c.reading}`);
    }
  }
  return notes;
}

/** Categories come from the SQL function the TableStore defines over the rules in use. */
export function runTableQuery(
  sql: Statements,
  query: TableQuery,
  within: readonly string[],
): RowsAnswer | GroupsAnswer {
  const source = resolveSource(sql, query.table);
  const where = whereSql(source, query, within);
  const description = source.columns.find((c) => c.role === "description");
  const ctx = {
    source,
    query,
    where,
    category: description ? categorySql(description) : null,
    notes: readingNotes(sql, source, where),
  };
  return query.group_by || query.aggregates ? groupsAnswer(sql, ctx) : rowsAnswer(sql, ctx);
}
