// Tests: statements indexed through the real pipeline become tables that answer filtered, grouped,
// exact questions with citations — and refuse malformed ones with what to send instead.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import type { GroupsAnswer, RowsAnswer } from "../../src/store/table-sql/answer.js";
import { type TableQueryInput, tableQuerySchema } from "../../src/table-query/spec.js";
import { DEFAULT_CATEGORIES_FILE, loadCategories } from "../../src/table-query/categories.js";
import { makeXlsx } from "../indexers/fixtures.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { CATEGORIES, EU_CSV, OFX_SGML, OFX_XML, UK_CSV, US_CSV } from "./statements.js";

let root: string;
let home: string;
let hearth: Hearth;
/** The store's table queries over the root, with the categories file the test writes. */
const tables = {
  list: (limit: number, offset: number) => hearth.store.tables.list(limit, offset, [root]),
  query: (input: TableQueryInput) =>
    hearth.store.tables.query(
      tableQuerySchema.parse(input),
      loadCategories(join(home, "categories.txt")),
      [root],
    ),
};

function query(input: TableQueryInput) {
  return tables.query(input);
}
const rows = (input: TableQueryInput) => query(input) as RowsAnswer;
const groups = (input: TableQueryInput) => query(input) as GroupsAnswer;
const file = (name: string) => join(root, name);

async function reindex(): Promise<void> {
  await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
}

describe("statements as tables", () => {
  beforeAll(async () => {
    root = tempDir();
    writeTree(root, {
      "us.csv": US_CSV,
      "eu.csv": EU_CSV,
      "uk.csv": UK_CSV,
      "bank.ofx": OFX_SGML,
      "card.qfx": OFX_XML,
      "budget.xlsx": await makeXlsx(),
      "broken.ofx": "OFXHEADER:100\nthis download was cut off",
    });
    const made = makeHome();
    home = made.home;
    writeFileSync(join(home, "categories.txt"), CATEGORIES);
    hearth = await openTestHearth(made.env, { loadModel: false });
    await reindex();
  });

  it("lists every statement and sheet with typed columns", () => {
    const list = tables.list(50, 0);
    expect(list.tables.map((t) => t.table).sort()).toEqual(
      [
        "bank.ofx",
        "budget.xlsx#Checking",
        "budget.xlsx#Savings",
        "card.qfx",
        "eu.csv",
        "uk.csv",
        "us.csv",
      ].map(file),
    );
    const us = list.tables.find((t) => t.path === file("us.csv"))!;
    expect(us).toMatchObject({ rows: 7, transactions: 7 });
    expect(us.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      "Date:date",
      "Description:text",
      "Amount:amount",
      "Balance:amount",
    ]);
    // 7 + 5 + 3 + 3 + 2 + 30 + 2
    expect(list.transactions).toMatchObject({ count: 52, first: "2026-01-02", last: "2026-03-27" });
    expect(list.transactions.currencies).toEqual(["EUR", "GBP", "USD"]);
  });

  it("sums to the cent by month, per currency, citing the rows", () => {
    const answer = groups({ path: file("us.csv"), category: "groceries", group_by: "month" });
    expect(answer.groups.map((g) => [g.key, g.count, g.sum])).toEqual([
      ["2026-01", 1, -84.27],
      ["2026-02", 2, -76.34],
    ]);
    expect(answer.groups[1]!.sources).toEqual([{ path: file("us.csv"), rows: [5, 7] }]);
    const lines = readFileSync(file("us.csv"), "utf8").split("\n");
    expect(lines[5 - 1]).toContain("TRADER JOE'S");
    expect(lines[7 - 1]).toContain("WHOLE FOODS MARKET");

    const everywhere = groups({ category: "groceries", aggregates: ["sum", "count"] });
    expect(everywhere.groups.map((g) => [g.currency, g.count, g.sum])).toEqual([
      [null, 3, -160.61], // "$" names no currency
      ["EUR", 3, -1077.4],
      ["GBP", 1, -30.2],
      ["USD", 2, -23.46],
    ]);
  });

  it("groups by year, week, category and column, with every aggregate", () => {
    const byCategory = groups({
      path: file("eu.csv"),
      group_by: "category",
      aggregates: ["sum", "count", "avg", "min", "max"],
      sort: "sum",
    });
    expect(byCategory.groups.map((g) => [g.key, g.count, g.sum, g.avg, g.min, g.max])).toEqual([
      ["groceries", 3, -1077.4, -359.1333, -1023.45, -8.05],
      ["dining", 1, -12.3, -12.3, -12.3, -12.3],
      ["income", 1, 3250, 3250, 3250, 3250],
    ]);
    const byYear = groups({ path: file("uk.csv"), group_by: "year" });
    expect(byYear.groups.map((g) => [g.key, g.currency, g.sum])).toEqual([["2026", "GBP", 63.35]]);
    const byWeek = groups({ path: file("us.csv"), group_by: "week", aggregates: ["count"] });
    expect(byWeek.groups.map((g) => g.key)).toEqual(
      ["2026-W02", "2026-W03", "2026-W04", "2026-W06", "2026-W07", "2026-W09", "2026-W09"].filter(
        (w, i, all) => all.indexOf(w) === i,
      ),
    );
    // A single table groups by its own columns; a debit column can be summed by name.
    const bySide = groups({
      table: file("eu.csv"),
      group_by: "month",
      of: "Soll",
      aggregates: ["sum"],
    });
    expect(bySide.groups.map((g) => [g.key, g.sum])).toEqual([
      ["2026-01", 1069.35],
      ["2026-02", 12.3],
      ["2026-03", 8.05],
    ]);
    expect(() => groups({ table: file("eu.csv"), aggregates: ["sum"] })).toThrow(
      /no amount column[\s\S]*"of"[\s\S]*"transactions"/,
    );
  });

  it("filters by date range, text, amount range, flow and column value", () => {
    const jan = rows({ from: "2026-01-01", to: "2026-01-31", text: "whole foods" });
    expect(jan.rows.map((r) => r.values.amount)).toEqual([-84.27]);
    const big = rows({ max: -100, sort: "amount" });
    expect(big.rows.map((r) => r.values.amount)).toEqual([
      -1200, -1023.45, -400, -120, -105, -101.5,
    ]);
    const income = rows({ flow: "in", min: 1000, sort: "date" });
    expect(income.rows.map((r) => [r.values.date, r.values.description])).toEqual([
      ["2026-01-13", "Gehalt Januar"],
      ["2026-01-15", "PAYROLL ACME CORP"],
      ["2026-02-01", "PAYROLL ACME CORP"],
    ]);
    const gbp = rows({ equals: { currency: "gbp" } });
    expect(gbp.total).toBe(3);
    const fees = rows({ table: file("bank.ofx"), equals: { type: "debit" } });
    expect(fees.rows.map((r) => r.values.description)).toEqual([
      "TRADER JOE'S #12",
      "AT&T WIRELESS",
    ]);
  });

  it("reads OFX (SGML and XML) and workbook sheets, citing sheet rows", () => {
    const ofx = rows({ path: file("bank.ofx") });
    expect(ofx.rows.map((r) => [r.values.date, r.values.amount, r.source.row])).toEqual(
      [
        ["2026-01-10", -23.45, 1],
        ["2026-02-01", 1500, 3],
        ["2026-01-18", -60, 2],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(groups({ path: file("card.qfx"), aggregates: ["sum"] }).groups[0]).toMatchObject({
      currency: "USD",
      sum: -10,
    });
    const checking = groups({
      table: `${file("budget.xlsx")}#Checking`,
      aggregates: ["sum", "count"],
    });
    expect(checking.groups[0]).toMatchObject({ count: 30, sum: -1627.5 });
    const savings = rows({ table: `${file("budget.xlsx")}#Savings` });
    expect(savings.rows.map((r) => [r.values.Memo, r.values.Amount, r.source])).toEqual([
      ["Interest credited", 12.04, { path: file("budget.xlsx"), sheet: "Savings", row: 2 }],
      ["Transfer to holiday fund", -400, { path: file("budget.xlsx"), sheet: "Savings", row: 3 }],
    ]);
  });

  it("reports a broken OFX file as failed, with the reason", () => {
    expect(hearth.store.getFile(file("broken.ofx"))).toMatchObject({
      status: "failed",
      error: "not an OFX file: no <OFX> element",
    });
  });

  it("ships default categories that parse, used when the user has none", () => {
    const defaults = loadCategories(join(home, "no-such-file.txt"));
    expect(defaults.file).toBe(DEFAULT_CATEGORIES_FILE);
    expect(defaults.rules.map((r) => r.category)).toContain("groceries");
  });

  it("answers a search hit's rows: the rows a chunk cites are the table's rows", () => {
    const answer = rows({ table: file("eu.csv"), rows: { from: 6, to: 7 } });
    expect(answer.rows.map((r) => r.values.Verwendungszweck)).toEqual([
      "REWE Markt Berlin",
      "Gehalt Januar",
    ]);
  });

  it("refuses malformed queries with a message that says what to send", () => {
    expect(() => query({ group_by: "payee" })).toThrow(/no column "payee"[\s\S]*"description"/);
    expect(() => query({ table: "/no/such.csv" })).toThrow(/no table[\s\S]*"list": true/);
    expect(() => query({ from: "2026-03-01", to: "2026-01-01" })).toThrow(/after/);
    expect(() => query({ table: file("us.csv"), of: "Description", aggregates: ["sum"] })).toThrow(
      /cannot be summed/,
    );
    expect(() => query({ group_by: "month", sort: "median" })).toThrow(/sort groups by "key"/);
    expect(() => query({ equals: { amount: "lots" } })).toThrow(/not a number/);
    expect(() => tableQuerySchema.parse({ sql: "DROP TABLE files" })).toThrow(/sql/);
    expect(() => tableQuerySchema.parse({ from: "March" })).toThrow(/YYYY-MM-DD/);
    expect(() => tableQuerySchema.parse({ limit: 100_000 })).toThrow();
    // Values are parameters: a quote in a filter is text to match, not SQL.
    expect(rows({ text: "' OR 1=1 --" }).total).toBe(0);
    expect(hearth.store.counts().files).toBe(6);
  });

  it("bounds its answers and pages on", () => {
    const first = rows({ limit: 5 });
    const next = rows({ limit: 5, offset: 5 });
    expect(first.total).toBe(52);
    expect(first.rows).toHaveLength(5);
    expect(next.rows[0]).not.toEqual(first.rows[0]);
    const monthly = groups({ group_by: "day" });
    for (const g of monthly.groups) {
      expect(g.sources.flatMap((s) => s.rows).length).toBeLessThanOrEqual(20);
    }
  });

  it("reads the categories rules at query time", () => {
    writeFileSync(join(home, "categories.txt"), "rent: rent\n");
    expect(
      groups({ path: file("us.csv"), category: "rent", aggregates: ["sum"] }).groups[0],
    ).toMatchObject({ sum: -1200 });
    writeFileSync(join(home, "categories.txt"), "rent rent\n");
    expect(() => query({ category: "rent" })).toThrow(/categories.txt:1[\s\S]*category: pattern/);
    writeFileSync(join(home, "categories.txt"), CATEGORIES);
  });

  it("replaces a file's rows when it changes, and drops them when it goes", async () => {
    writeFileSync(file("us.csv"), US_CSV.replace("-$84.27", "-$90.00"));
    await reindex();
    const groceries = groups({ path: file("us.csv"), category: "groceries", aggregates: ["sum"] });
    expect(groceries.groups[0]).toMatchObject({
      sum: -166.34,
    });
    expect(rows({ path: file("us.csv") }).total).toBe(7);
    rmSync(file("uk.csv"));
    await reindex();
    expect(rows({ equals: { currency: "GBP" } }).total).toBe(0);
    expect(rawDb(hearth).prepare("SELECT count(*) FROM table_rows").pluck().get()).toBe(
      7 + 5 + 3 + 2 + 30 + 2,
    );
  });
});
