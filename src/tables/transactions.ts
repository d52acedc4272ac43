// A statement's rows as transactions: the date, description and signed amount its columns hold.
import type { TypedColumn } from "./column-types.js";
import type { Cell, ColumnRole, TableRow, Transaction } from "./types.js";

type RoleIndex = Partial<Record<ColumnRole, number>>;

function units(cells: readonly Cell[], column: number | undefined): number | null {
  const value = column === undefined ? null : cells[column];
  return typeof value === "number" ? value : null;
}

/**
 * Money in positive, money out negative: an amount as written, or signed by a DR/CR column, or
 * credit minus debit (either may be written with or without a sign).
 */
function signedAmount(cells: readonly Cell[], at: RoleIndex): number | null {
  if (at.amount !== undefined) {
    const value = units(cells, at.amount);
    const side = at.direction === undefined ? "" : String(cells[at.direction] ?? "").toLowerCase();
    if (value === null || !side) return value;
    return side.startsWith("d") ? -Math.abs(value) : Math.abs(value);
  }
  const out = units(cells, at.debit);
  const into = units(cells, at.credit);
  return out === null && into === null ? null : Math.abs(into ?? 0) - Math.abs(out ?? 0);
}

/** Empty unless the table has a date, a description and an amount (or debit/credit) column. */
export function transactionsOf(
  rows: readonly TableRow[],
  typed: readonly TypedColumn[],
  roles: ReadonlyMap<number, ColumnRole>,
): Transaction[] {
  const at: RoleIndex = Object.fromEntries([...roles].map(([column, role]) => [role, column]));
  const money = at.amount ?? at.debit ?? at.credit;
  if (at.date === undefined || at.description === undefined || money === undefined) return [];
  const columnCurrency = typed[money]!.currency;
  const transactions: Transaction[] = [];
  for (const { row, cells } of rows) {
    const date = cells[at.date];
    const amount = signedAmount(cells, at);
    if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date) || amount === null) continue;
    const code = at.currency === undefined ? null : cells[at.currency];
    transactions.push({
      row,
      date,
      description: String(cells[at.description] ?? ""),
      amount,
      currency: typeof code === "string" ? code : columnCurrency,
      balance: units(cells, at.balance),
    });
  }
  return transactions;
}
