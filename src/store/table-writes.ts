// Writes a file's typed tables, rows and transactions; called inside the store's per-file transaction.
import type Database from "better-sqlite3-multiple-ciphers";
import type { ExtractedTable } from "../tables/types.js";

type Prepare = (sql: string) => Database.Statement;

/** Replaces every table of a file with `tables` (none deletes them); rows and transactions cascade. */
export function replaceTables(
  prepare: Prepare,
  fileId: number,
  tables: readonly ExtractedTable[],
): void {
  prepare("DELETE FROM data_tables WHERE file_id = ?").run(fileId);
  const insertTable = prepare(
    `INSERT INTO data_tables(file_id, name, header_row, columns, row_count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(file_id, name) DO NOTHING RETURNING id`,
  );
  const insertRow = prepare(
    "INSERT OR REPLACE INTO table_rows(table_id, row, cells) VALUES (?, ?, ?)",
  );
  const insertTransaction = prepare(
    `INSERT OR REPLACE INTO transactions(table_id, row, date, description, amount, currency, balance)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const table of tables) {
    // Two sheets cannot share a name in a workbook; a repeat would be a broken file: keep the first.
    const inserted = insertTable.get(
      fileId,
      table.name,
      table.headerRow,
      JSON.stringify(table.columns),
      table.rows.length,
    ) as { id: number } | undefined;
    if (!inserted) continue;
    for (const r of table.rows) insertRow.run(inserted.id, r.row, JSON.stringify(r.cells));
    for (const t of table.transactions) {
      insertTransaction.run(
        inserted.id,
        t.row,
        t.date,
        t.description,
        t.amount,
        t.currency,
        t.balance,
      );
    }
  }
}
