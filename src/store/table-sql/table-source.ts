// What a query reads from: the unified transactions, or one stored table with its typed columns.
import type { Sql } from "../types.js";
import { pathPrefixSql } from "../path-prefix.js";
import type { Statements } from "../statements.js";
import { HearthError } from "../../errors.js";
import { RECEIPT_TABLE } from "../../tables/receipt-table.js";
import type { ColumnRole, ColumnType, TableColumn } from "../../tables/types.js";

export const TRANSACTIONS = "transactions";

export interface SourceColumn {
  name: string;
  type: ColumnType;
  role?: ColumnRole;
  /** SQL for the value; built from our own column positions, never from request text. */
  expr: string;
}

export interface TableSource {
  /** The name a request uses: "transactions", a path, or "path#sheet". */
  ref: string;
  from: string;
  /** Conditions every query of this source carries, with their parameters. */
  where: string[];
  params: unknown[];
  columns: SourceColumn[];
  rowExpr: string;
  /** Transactions keep currencies apart when summing. */
  currencyExpr: string | null;
}

export function tableRef(path: string, sheet: string): string {
  return sheet ? `${path}#${sheet}` : path;
}

/**
 * Whether a transaction's table (alias `table`, its file `file`) is a receipt's: a photo's or a
 * scanned PDF's (a PDF has no other table).
 */
const isReceipt = (table: string, file: string) =>
  `(${table}.name = '${RECEIPT_TABLE}' AND ${file}.kind IN ('image', 'pdf'))`;

const TRANSACTION_COLUMNS: SourceColumn[] = [
  { name: "date", type: "date", role: "date", expr: "t.date" },
  { name: "description", type: "text", role: "description", expr: "t.description" },
  { name: "amount", type: "amount", role: "amount", expr: "t.amount" },
  { name: "currency", type: "text", role: "currency", expr: "t.currency" },
  { name: "balance", type: "amount", role: "balance", expr: "t.balance" },
  {
    name: "source_kind",
    type: "text",
    expr: `CASE WHEN ${isReceipt("d", "f")} THEN 'receipt' ELSE 'statement' END`,
  },
];

/** Two transactions' currencies agree, or one of them prints none. */
const sameCurrency = (a: string, b: string) =>
  `(${a}.currency IS NULL OR ${b}.currency IS NULL OR ${a}.currency = ${b}.currency)`;

/** Statement line `s` is receipt `r`'s: the same amount and currency, within 3 days of it. */
const sameMoney = (s: string, r: string) =>
  `${s}.amount = ${r}.amount AND ${s}.date BETWEEN date(${r}.date, '-3 days') AND date(${r}.date, '+3 days')
     AND ${sameCurrency(s, r)}`;

/**
 * A receipt already on a statement (the same amount, dated within 3 days of it) is that
 * statement's line, not a second purchase: it is left out, so nothing is counted twice. Each line
 * stands for one receipt: a receipt is left out when the lines within 3 days of it are at least as
 * many as the equal receipts of the 3 days up to it (itself included, by date, then file), so of
 * two coffees and one card line the earlier receipt is the line's and the later counts, while a
 * coffee every day with a card line every day is counted once a day. Only statements and
 * receipts within the caller's folders count: a profile's sums never move for one it cannot see.
 */
export function receiptsOnStatementsLeftOut(within: readonly string[]): Sql {
  const scoped = (path: string) => {
    const scopes = within.map((root) => pathPrefixSql(root, path));
    return {
      text: scopes.length === 0 ? "0" : `(${scopes.map((r) => r.text).join(" OR ")})`,
      params: scopes.flatMap((r) => r.params),
    };
  };
  const statements = scoped("sf.path");
  const receipts = scoped("rf.path");
  return {
    text: `NOT (${isReceipt("d", "f")} AND (
        SELECT count(*) FROM transactions s JOIN data_tables sd ON sd.id = s.table_id
          JOIN files sf ON sf.id = sd.file_id
        WHERE NOT ${isReceipt("sd", "sf")} AND ${statements.text} AND ${sameMoney("s", "t")}
      ) >= max(1, (
        SELECT count(*) FROM transactions r JOIN data_tables rd ON rd.id = r.table_id
          JOIN files rf ON rf.id = rd.file_id
        WHERE ${isReceipt("rd", "rf")} AND ${receipts.text} AND r.amount = t.amount
          AND r.date BETWEEN date(t.date, '-3 days') AND t.date
          AND ${sameCurrency("r", "t")}
          AND (r.date, rf.path, r.row) <= (t.date, f.path, t.row))))`,
    params: [...statements.params, ...receipts.params],
  };
}

function transactionsSource(): TableSource {
  return {
    ref: TRANSACTIONS,
    from: "transactions t JOIN data_tables d ON d.id = t.table_id JOIN files f ON f.id = d.file_id",
    where: [],
    params: [],
    columns: TRANSACTION_COLUMNS,
    rowExpr: "t.row",
    currencyExpr: "t.currency",
  };
}

interface StoredTable {
  id: number;
  path: string;
  name: string;
  columns: string;
}

function findStored(sql: Statements, ref: string): StoredTable | undefined {
  const lookup = sql.get(
    `SELECT d.id, f.path, d.name, d.columns FROM data_tables d JOIN files f ON f.id = d.file_id
       WHERE f.path = ? AND d.name = ?`,
  );
  const whole = lookup.get(ref, "") as StoredTable | undefined;
  if (whole) return whole;
  const cut = ref.lastIndexOf("#");
  return cut > 0
    ? (lookup.get(ref.slice(0, cut), ref.slice(cut + 1)) as StoredTable | undefined)
    : undefined;
}

export function resolveSource(sql: Statements, ref: string | undefined): TableSource {
  if (ref === undefined || ref === TRANSACTIONS) return transactionsSource();
  const stored = findStored(sql, ref);
  if (!stored) {
    throw new HearthError(
      "TABLE_NOT_FOUND",
      `no table "${ref}"`,
      'send "transactions", or a table as {"list": true} names it (a file path, or "path#sheet")',
    );
  }
  const columns = (JSON.parse(stored.columns) as TableColumn[]).map((c, j) => ({
    name: c.name,
    type: c.type,
    ...(c.role ? { role: c.role } : {}),
    expr: `json_extract(r.cells, '$[${j}]')`,
  }));
  return {
    ref: tableRef(stored.path, stored.name),
    from: "table_rows r JOIN data_tables d ON d.id = r.table_id JOIN files f ON f.id = d.file_id",
    where: ["r.table_id = ?"],
    params: [stored.id],
    columns,
    rowExpr: "r.row",
    currencyExpr: null,
  };
}

function columnList(source: TableSource): string {
  return source.columns.map((c) => `"${c.name}"`).join(", ");
}

/** A column by name (ignoring case), or by the role it plays ("date", "amount", "description"). */
export function column(source: TableSource, name: string, purpose: string): SourceColumn {
  const wanted = name.trim().toLowerCase();
  const found =
    source.columns.find((c) => c.name.toLowerCase() === wanted) ??
    source.columns.find((c) => c.role === wanted);
  if (!found) {
    throw new HearthError(
      "TABLE_QUERY_INVALID",
      `${purpose}: ${source.ref} has no column "${name}"`,
      `use one of: ${columnList(source)}`,
    );
  }
  return found;
}

/** The column playing a role, or an error saying why the request needs it and what to send instead. */
export function roleColumn(
  source: TableSource,
  role: ColumnRole,
  purpose: string,
  instead = 'filter with "equals" on a column instead',
): SourceColumn {
  const found =
    source.columns.find((c) => c.role === role) ??
    (role === "date" ? source.columns.find((c) => c.type === "date") : undefined);
  if (!found) {
    throw new HearthError(
      "TABLE_QUERY_INVALID",
      `${purpose} needs the ${role} column, and ${source.ref} has no ${role} column (columns: ${columnList(source)})`,
      `${instead}, or query "transactions" (with "path" for this file), where every statement has one`,
    );
  }
  return found;
}
