// Tests: the CSV indexer's table from awkward real-world bytes — a BOM, CRLF, Windows-1252, tabs.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { delimitedIndexer } from "../../src/indexers/delimited.js";
import { fileInput, tempDir } from "../helpers.js";

async function tableOf(name: string, bytes: Buffer | string) {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  const doc = await delimitedIndexer.extract(fileInput(path), new AbortController().signal);
  return { doc, table: doc.tables![0]! };
}

describe("CSV and TSV tables", () => {
  it("reads a UTF-8 BOM, CRLF line ends and quoted fields with the delimiter inside", async () => {
    const { table } = await tableOf(
      "bom.csv",
      '\ufeffDate,Description,Amount\r\n2026-01-03,"Coffee, large",-4.50\r\n2026-01-04,"Rent ""March""",-1200.00\r\n',
    );
    expect(table.columns.map((c) => c.name)).toEqual(["Date", "Description", "Amount"]);
    expect(table.transactions.map((t) => [t.row, t.description, t.amount])).toEqual([
      [2, "Coffee, large", -45_000],
      [3, 'Rent "March"', -12_000_000],
    ]);
  });

  it("reads Windows-1252 euro amounts and a tab-separated export", async () => {
    const latin = Buffer.from("Datum;Text;Betrag\n05.02.2026;B\xe4ckerei;-3,20 \x80\n", "latin1");
    const { table } = await tableOf("konto.csv", latin);
    expect(table.transactions).toEqual([
      {
        row: 2,
        date: "2026-02-05",
        description: "Bäckerei",
        amount: -32_000,
        currency: "EUR",
        balance: null,
      },
    ]);
    const { table: tsv } = await tableOf(
      "export.tsv",
      "date\tpayee\tamount\n2026-03-01\tGym\t-30\n",
    );
    expect(tsv.transactions[0]).toMatchObject({ description: "Gym", amount: -300_000 });
  });

  it("keeps a preamble out of the table but in the searchable text", async () => {
    const { doc, table } = await tableOf(
      "bank.csv",
      "Account,12345678\nPeriod,January 2026\n\nDate,Details,Amount\n2026-01-02,Salary,2500.00\n",
    );
    expect(table.headerRow).toBe(4);
    expect(table.rows).toEqual([{ row: 5, cells: ["2026-01-02", "Salary", 25_000_000] }]);
    expect(doc.segments[0]).toMatchObject({
      text: "Account | 12345678\nPeriod | January 2026",
      startLine: 1,
    });
  });
});
