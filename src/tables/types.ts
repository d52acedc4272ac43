// Typed tables read out of statements and spreadsheets, as the indexers hand them to the store.

export type ColumnType = "date" | "amount" | "number" | "text";

/** What a column means in a statement; the transactions view is built from these. */
export type ColumnRole =
  "date" | "description" | "amount" | "debit" | "credit" | "direction" | "balance" | "currency";

export interface TableColumn {
  name: string;
  type: ColumnType;
  role?: ColumnRole;
  /** How the values were read, when that was a choice: "day first", "decimal comma", "year from file date". */
  reading?: string;
}

/** A date as YYYY-MM-DD, an amount or number in fixed-point units (see fixed-point.ts), text, or empty. */
export type Cell = string | number | null;

export interface TableRow {
  /** The row's number in its source: the line of a CSV, the row of a sheet, the position in an OFX file. */
  row: number;
  cells: Cell[];
}

export interface Transaction {
  row: number;
  date: string;
  description: string;
  /** Signed: money in is positive, money out negative. Fixed-point units. */
  amount: number;
  currency: string | null;
  balance: number | null;
}

export interface ExtractedTable {
  /** The sheet's name in a workbook; "" for a file that holds one table. */
  name: string;
  /** The header's row number in the source; null when the table has none (columns are then numbered). */
  headerRow: number | null;
  columns: TableColumn[];
  rows: TableRow[];
  /** Present when the table has a date, a description and an amount (or debit and credit) column. */
  transactions: Transaction[];
}
