// Tests: rows of text become typed tables: header below a preamble, column types and roles, transactions.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { type RawRow, inferTable } from "../../src/tables/infer-table.js";
import { EU_CSV, UK_CSV, US_CSV } from "./statements.js";

function rowsOf(csv: string, delimiter = ","): RawRow[] {
  const records = parse(csv, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return records.map((r) => ({ row: r.info.lines, cells: r.record }));
}

const options = { dateOrder: "auto" as const, reference: new Date("2026-11-24T00:00:00Z") };

describe("inferTable", () => {
  it("reads a US statement: month-first dates, signed dollar amounts, a balance", () => {
    const table = inferTable("", rowsOf(US_CSV), options)!;
    expect(table.headerRow).toBe(1);
    expect(table.columns).toEqual([
      { name: "Date", type: "date", role: "date", reading: "month first" },
      { name: "Description", type: "text", role: "description" },
      { name: "Amount", type: "amount", role: "amount" },
      { name: "Balance", type: "amount", role: "balance" },
    ]);
    expect(table.transactions[0]).toEqual({
      row: 2,
      date: "2026-01-05",
      description: "WHOLE FOODS MARKET, AUSTIN",
      amount: -842_700,
      currency: null,
      balance: 24_157_300,
    });
    expect(table.transactions.map((t) => t.date)).toContain("2026-01-15");
  });

  it("finds the header below preamble lines and signs debit and credit columns", () => {
    const table = inferTable("", rowsOf(EU_CSV, ";"), options)!;
    expect(table.headerRow).toBe(5); // below three preamble lines and a blank one
    expect(table.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ["Buchungstag", "date", "date"],
      ["Verwendungszweck", "text", "description"],
      ["Soll", "amount", "debit"],
      ["Haben", "amount", "credit"],
      ["Währung", "text", "currency"],
    ]);
    expect(table.columns[0]!.reading).toBe("day first");
    expect(table.columns[2]!.reading).toBe("decimal comma");
    expect(table.transactions.map((t) => [t.row, t.date, t.amount, t.currency])).toEqual([
      [6, "2026-01-02", -459_000, "EUR"],
      [7, "2026-01-13", 32_500_000, "EUR"],
      [8, "2026-01-28", -10_234_500, "EUR"],
      [9, "2026-02-03", -123_000, "EUR"],
      [10, "2026-03-15", -80_500, "EUR"],
    ]);
  });

  it("signs an unsigned amount by its DR/CR column and reads month names", () => {
    const table = inferTable("", rowsOf(UK_CSV), options)!;
    expect(table.columns.map((c) => c.role)).toEqual([
      "date",
      "description",
      "direction",
      "amount",
    ]);
    expect(table.transactions.map((t) => [t.date, t.amount, t.currency])).toEqual([
      ["2026-01-05", -302_000, "GBP"],
      ["2026-01-12", 1_000_000, "GBP"],
      ["2026-02-03", -64_500, "GBP"],
    ]);
  });

  it("reads dates that could go either way by the writing's convention", () => {
    // Dots are European, day first; slashes with decimal points are read the US way.
    const dotted = inferTable("", rowsOf("Date,Item,Amount\n05.02.2026,coffee,3.20\n"), options)!;
    expect(dotted.transactions[0]!.date).toBe("2026-02-05");
    expect(dotted.columns[0]!.reading).toBe("day first");
    const slashed = inferTable("", rowsOf("Date,Item,Amount\n05/02/2026,coffee,3.20\n"), options)!;
    expect(slashed.transactions[0]!.date).toBe("2026-05-02");
  });

  it("numbers the columns of a table without a header", () => {
    const table = inferTable("", rowsOf("2026-01-01,coffee,3.20\n2026-01-02,tea,2.10\n"), options)!;
    expect(table.headerRow).toBeNull();
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["column 1", "date"],
      ["column 2", "text"],
      ["column 3", "amount"],
    ]);
    expect(table.rows).toHaveLength(2);
    expect(table.transactions).toHaveLength(2);
  });

  it("keeps a cell that does not parse as text instead of losing it", () => {
    const table = inferTable("", rowsOf(US_CSV.replace("-$40.10", "pending")), options)!;
    // 1 of 7 amounts does not parse: the column is still amounts, and the row keeps its text.
    expect(table.columns[2]!.type).toBe("amount");
    expect(table.rows[2]!.cells[2]).toBe("pending");
    expect(table.transactions).toHaveLength(6);
  });

  it("is no table when there is one column or no data", () => {
    expect(inferTable("", rowsOf("just\none\ncolumn\n"), options)).toBeNull();
    expect(inferTable("", [], options)).toBeNull();
  });

  it("leaves a table that is not a statement without transactions", () => {
    const table = inferTable("", rowsOf("name,age\nAda,36\nAlan,41\n"), options)!;
    expect(table.columns.map((c) => c.type)).toEqual(["text", "number"]);
    expect(table.transactions).toEqual([]);
  });
});
