// Turns rows of text (a CSV, a sheet) into a typed table: finds the header below any preamble,
// types the columns, and builds transactions when the table is a statement.
import { assignRoles } from "./column-roles.js";
import { type TypingOptions, typeColumn } from "./column-types.js";
import { inferDecimalMark, parseAmount } from "./parse-amount.js";
import { parseDate } from "./parse-date.js";
import { transactionsOf } from "./transactions.js";
import type { ExtractedTable, TableRow } from "./types.js";

export interface RawRow {
  row: number;
  cells: string[];
}

/** Bank exports put a few lines (account, period) above the header; look this far down for it. */
const HEADER_SEARCH_ROWS = 15;

function filled(cells: readonly string[]): string[] {
  return cells.filter((c) => c.trim() !== "");
}

function looksLikeValue(cell: string): boolean {
  return parseAmount(cell) !== null || parseDate(cell, "dmy", new Date(0)) !== null;
}

/**
 * The header is the first row of two or more distinct labels (no amounts, no dates) whose next rows
 * (up to three) each hold a value and are no wider than it: a preamble line ("Account, 1234") is
 * followed by more preamble or by the header, never by data. -1 when there is none.
 */
function findHeader(rows: readonly RawRow[]): number {
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, rows.length - 1); i++) {
    const labels = filled(rows[i]!.cells);
    if (labels.length < 2 || labels.some(looksLikeValue)) continue;
    if (new Set(labels.map((l) => l.trim().toLowerCase())).size !== labels.length) continue;
    const next = rows.slice(i + 1, i + 4);
    const fits = (r: RawRow): boolean => {
      const width = filled(r.cells).length;
      return (
        width >= Math.max(2, labels.length / 2) &&
        width <= labels.length + 1 &&
        r.cells.some(looksLikeValue)
      );
    };
    if (next.every(fits)) return i;
  }
  return -1;
}

/** Without a header, the data starts at the first row as wide as most rows. */
function firstDataRow(rows: readonly RawRow[]): number {
  const widths = rows.map((r) => filled(r.cells).length);
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  const modal = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  return widths.findIndex((w) => w === modal);
}

function columnNames(header: readonly string[] | null, width: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    const name = header?.[i]?.trim() || `column ${i + 1}`;
    names.push(names.includes(name) ? `${name} (${i + 1})` : name);
  }
  return names;
}

/** Reads rows as a typed table, or returns null when they are not one (a single column, no data rows). */
export function inferTable(
  name: string,
  raw: readonly RawRow[],
  options: TypingOptions,
): ExtractedTable | null {
  const rows = raw.filter((r) => filled(r.cells).length > 0);
  if (rows.length === 0) return null;
  const headerAt = findHeader(rows);
  const data = rows.slice(headerAt >= 0 ? headerAt + 1 : firstDataRow(rows));
  const width = Math.max(
    headerAt >= 0 ? rows[headerAt]!.cells.length : 0,
    ...data.map((r) => r.cells.length),
  );
  if (data.length === 0 || width < 2) return null;
  const names = columnNames(headerAt >= 0 ? rows[headerAt]!.cells : null, width);

  const values = names.map((_, j) => data.map((r) => r.cells[j] ?? ""));
  // Only values that read as amounts one way or the other: "05.02.2026" would vote for a decimal point.
  const tableMark = inferDecimalMark(
    values.flat().filter((v) => parseAmount(v, ".") !== null || parseAmount(v, ",") !== null),
  );
  const typed = names.map((n, j) => typeColumn(n, values[j]!, options, tableMark));
  const roles = assignRoles(names, typed);
  const columns = names.map((n, j) => {
    const role = roles.get(j);
    const reading = typed[j]!.reading;
    return {
      name: n,
      type: typed[j]!.type,
      ...(role ? { role } : {}),
      ...(reading ? { reading } : {}),
    };
  });
  const tableRows: TableRow[] = data.map((r, i) => ({
    row: r.row,
    cells: typed.map((c) => c.cells[i] ?? null),
  }));
  return {
    name,
    headerRow: headerAt >= 0 ? rows[headerAt]!.row : null,
    columns,
    rows: tableRows,
    transactions: transactionsOf(tableRows, typed, roles),
  };
}
