// Lists the typed tables an agent can query, with their columns, sizes and date spans.
import type Database from "better-sqlite3";
import { pathPrefixSql } from "../search/filters.js";
import type { TableColumn } from "../tables/types.js";
import { TRANSACTIONS, tableRef } from "./table-source.js";

export interface TableSummary {
  table: string;
  path: string;
  sheet?: string;
  rows: number;
  columns: TableColumn[];
  /** How many rows became transactions (0 when the table is not a statement). */
  transactions: number;
}

export interface TableList {
  transactions: {
    table: typeof TRANSACTIONS;
    count: number;
    first: string | null;
    last: string | null;
    currencies: string[];
  };
  tables: TableSummary[];
  total: number;
}

export function listTables(
  db: Database.Database,
  limit: number,
  offset: number,
  pathPrefix?: string,
): TableList {
  const path = pathPrefix ? pathPrefixSql(pathPrefix) : null;
  const where = path ? `WHERE ${path.sql}` : "";
  const params = path?.params ?? [];
  const rows = db
    .prepare(
      `SELECT f.path, d.name, d.columns, d.row_count AS rowCount,
         (SELECT count(*) FROM transactions t WHERE t.table_id = d.id) AS transactions
       FROM data_tables d JOIN files f ON f.id = d.file_id ${where}
       ORDER BY f.path, d.name LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as {
    path: string;
    name: string;
    columns: string;
    rowCount: number;
    transactions: number;
  }[];
  const total = db
    .prepare(`SELECT count(*) FROM data_tables d JOIN files f ON f.id = d.file_id ${where}`)
    .pluck()
    .get(...params) as number;
  const span = db
    .prepare("SELECT count(*) AS count, min(date) AS first, max(date) AS last FROM transactions")
    .get() as {
    count: number;
    first: string | null;
    last: string | null;
  };
  const currencies = db
    .prepare("SELECT DISTINCT currency FROM transactions WHERE currency IS NOT NULL ORDER BY 1")
    .pluck()
    .all() as string[];
  return {
    transactions: { table: TRANSACTIONS, ...span, currencies },
    tables: rows.map((r) => ({
      table: tableRef(r.path, r.name),
      path: r.path,
      ...(r.name ? { sheet: r.name } : {}),
      rows: r.rowCount,
      columns: JSON.parse(r.columns) as TableColumn[],
      transactions: r.transactions,
    })),
    total,
  };
}

/** The table a search hit's file holds (the sheet's, for a workbook), to link the hit to its rows. */
export function tableOfFile(db: Database.Database, path: string, sheet: string): string | null {
  const found = db
    .prepare(
      "SELECT d.name FROM data_tables d JOIN files f ON f.id = d.file_id WHERE f.path = ? AND d.name = ?",
    )
    .pluck()
    .get(path, sheet) as string | undefined;
  return found === undefined ? null : tableRef(path, found);
}
