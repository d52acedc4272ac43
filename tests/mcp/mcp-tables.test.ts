// Tests: query_table over MCP stdio — list, grouped sums with citations, search hits linked to rows,
// and malformed requests refused with what to send.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { CATEGORIES, EU_CSV, US_CSV } from "../tables/statements.js";
import { connectStdio } from "./mcp-client.js";

let root: string;
let host: DaemonHost;
let client: Client;

async function call(args: Record<string, unknown>, name = "query_table") {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    structuredContent?: Record<string, unknown>;
    content: { type: string; text?: string }[];
  };
  return { ...result, text: result.content[0]?.text ?? "" };
}

describe("query_table over MCP", () => {
  beforeAll(async () => {
    root = tempDir();
    writeTree(root, {
      "bank/us.csv": US_CSV,
      "bank/eu.csv": EU_CSV,
      "notes.md": "# Notes\nnothing",
    });
    const { home, env } = makeHome({ config: { roots: [root], index: { debounceMs: 50 } } });
    writeFileSync(join(home, "categories.txt"), CATEGORIES);
    host = await startDaemonHost(await openTestHearth(env), silentLogger);
    await host.daemon.settled();
    client = await connectStdio(env);
  });
  afterAll(async () => {
    await client.close();
    await host.stop();
  });

  it("lists the tables with their typed columns", async () => {
    const { structuredContent: out, isError } = await call({ list: true });
    expect(isError).toBeFalsy();
    expect(out).toMatchObject({
      answer: "tables",
      total: 2,
      transactions: { count: 12, currencies: ["EUR"] },
    });
    const tables = out!.tables as {
      table: string;
      columns: { name: string; type: string; role?: string }[];
    }[];
    expect(tables.map((t) => t.table)).toEqual([
      join(root, "bank/eu.csv"),
      join(root, "bank/us.csv"),
    ]);
    expect(tables[0]!.columns[2]).toEqual({
      name: "Soll",
      type: "amount",
      role: "debit",
      reading: "decimal comma",
    });
  });

  it("answers how much went on groceries each month, exactly, citing rows", async () => {
    const { structuredContent: out } = await call({
      category: "groceries",
      flow: "out",
      group_by: "month",
      path: join(root, "bank"),
    });
    expect(out).toMatchObject({ answer: "groups", group_by: "month", total_groups: 4 });
    const groups = out!.groups as {
      key: string;
      currency: string | null;
      sum: number;
      sources: { path: string; rows: number[] }[];
    }[];
    expect(groups.map((g) => [g.key, g.currency, g.sum])).toEqual([
      ["2026-01", null, -84.27],
      ["2026-01", "EUR", -1069.35],
      ["2026-02", null, -76.34],
      ["2026-03", "EUR", -8.05],
    ]);
    expect(groups[1]!.sources).toEqual([{ path: join(root, "bank/eu.csv"), rows: [6, 8] }]);
  });

  it("links a search hit in a statement to its table rows", async () => {
    const search = await call({ query: "Verwendungszweck REWE", mode: "keyword" }, "search");
    const hit = (
      search.structuredContent!.results as {
        path: string;
        table?: { table: string; rows: { from: number; to: number } };
      }[]
    )[0]!;
    expect(hit.path).toBe(join(root, "bank/eu.csv"));
    expect(hit.table).toEqual({ table: join(root, "bank/eu.csv"), rows: { from: 6, to: 10 } });
    const { structuredContent: out } = await call({
      table: hit.table!.table,
      rows: hit.table!.rows,
      text: "rewe",
    });
    expect((out!.rows as { values: Record<string, unknown> }[]).map((r) => r.values.Soll)).toEqual([
      45.9, 8.05,
    ]);
  });

  it("refuses SQL, unknown columns and paths outside the roots, saying what to send", async () => {
    const sql = await call({ sql: "SELECT * FROM files" });
    expect(sql.isError).toBe(true);
    expect(sql.text).toMatch(/sql/);
    const column = await call({ group_by: "merchant" });
    expect(column.isError).toBe(true);
    expect(column.text).toMatch(/no column "merchant"[\s\S]*use one of: "date", "description"/);
    const outside = await call({ path: "/etc", group_by: "month" });
    expect(outside.isError).toBe(true);
  });
});
