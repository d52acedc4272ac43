// Lists the typed tables an agent can query, with their columns, sizes and date spans.
import type { Statements } from "../statements.js";
import { filterSql } from "../filter-sql.js";
import type { TableColumn } from "../../tables/types.js";
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
  sql: Statements,
  limit: number,
  offset: number,
  within: readonly string[],
  pathPrefix?: string,
): TableList {
  const scope = filterSql({ within, ...(pathPrefix ? { pathPrefix } : {}) });
  const where = `WHERE ${scope.text}`;
  const params = scope.params;
  const rows = sql
    .get(
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
  const total = sql
    .get(`SELECT count(*) FROM data_tables d JOIN files f ON f.id = d.file_id ${where}`)
    .pluck()
    .get(...params) as number;
  const inScope = `transactions t JOIN data_tables d ON d.id = t.table_id JOIN files f ON f.id = d.file_id ${where}`;
  const span = sql
    .get(`SELECT count(*) AS count, min(t.date) AS first, max(t.date) AS last FROM ${inScope}`)
    .get(...params) as {
    count: number;
    first: string | null;
    last: string | null;
  };
  const currencies = sql
    .get(`SELECT DISTINCT t.currency FROM ${inScope} AND t.currency IS NOT NULL ORDER BY 1`)
    .pluck()
    .all(...params) as string[];
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
export function tableOfFile(sql: Statements, path: string, sheet: string): string | null {
  const found = sql
    .get(
      "SELECT d.name FROM data_tables d JOIN files f ON f.id = d.file_id WHERE f.path = ? AND d.name = ?",
    )
    .pluck()
    .get(path, sheet) as string | undefined;
  return found === undefined ? null : tableRef(path, found);
}
