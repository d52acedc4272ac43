// Runs a structured table query: matching rows, or groups with aggregates, each citing its source rows.
import type Database from "better-sqlite3";
import type { GroupsAnswer, RowsAnswer } from "./answer.js";
import { type CategoryRules, categorizer } from "./categories.js";
import { CATEGORY_FUNCTION, type Sql, categorySql, whereSql } from "./conditions.js";
import { groupsAnswer } from "./groups-answer.js";
import { rowsAnswer } from "./rows-answer.js";
import type { TableQuery } from "./spec.js";
import { type TableSource, resolveSource } from "./table-source.js";

export type { GroupsAnswer, RowsAnswer, Value } from "./answer.js";

const YEAR_NOT_WRITTEN = "year not written";

/** Dates read without a year, said once per answer that uses them, so nobody is misled. */
function readingNotes(db: Database.Database, source: TableSource, where: Sql): string[] {
  const flagged = db
    .prepare(
      `SELECT d.id, f.path, d.columns FROM data_tables d JOIN files f ON f.id = d.file_id
       WHERE d.columns LIKE ?`,
    )
    .all(`%${YEAR_NOT_WRITTEN}%`) as { id: number; path: string; columns: string }[];
  const used = db.prepare(
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

export function runTableQuery(
  db: Database.Database,
  query: TableQuery,
  categories: CategoryRules,
): RowsAnswer | GroupsAnswer {
  // Registered per query: the rules are read fresh each time, so an edit applies at once.
  db.function(CATEGORY_FUNCTION, { deterministic: true }, categorizer(categories.rules));
  const source = resolveSource(db, query.table);
  const where = whereSql(source, query);
  const description = source.columns.find((c) => c.role === "description");
  const ctx = {
    source,
    query,
    where,
    category: description ? categorySql(description) : null,
    notes: readingNotes(db, source, where),
  };
  return query.group_by || query.aggregates ? groupsAnswer(db, ctx) : rowsAnswer(db, ctx);
}
