// Tests: `hearth table list | query | categories` on a real index, and bad options named.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeHome, tempDir, writeTree } from "../helpers.js";
import { CATEGORIES, US_CSV } from "../tables/statements.js";
import { runCli } from "./run-cli.js";

let root: string;
let home: string;
let env: NodeJS.ProcessEnv;

describe("hearth table", () => {
  beforeAll(() => {
    root = tempDir();
    writeTree(root, { "us.csv": US_CSV });
    ({ home, env } = makeHome());
    expect(runCli(["index", root], env).code).toBe(0);
    writeFileSync(join(home, "categories.txt"), CATEGORIES);
  });

  it("lists tables and sums a category by month, citing rows", () => {
    const list = runCli(["table", "list"], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("transactions: 7 rows, 2026-01-05 to 2026-03-01");
    expect(list.stdout).toContain("Amount (amount)");

    const answer = runCli(
      ["table", "query", "--category", "groceries", "--group-by", "month", "--json"],
      env,
    );
    expect(answer.code).toBe(0);
    const out = JSON.parse(answer.stdout) as { groups: { key: string; sum: number }[] };
    expect(out.groups.map((g) => [g.key, g.sum])).toEqual([
      ["2026-01", -84.27],
      ["2026-02", -76.34],
    ]);
    const text = runCli(["table", "query", join(root, "us.csv"), "--text", "rent"], env);
    expect(text.stdout).toMatch(/2026-03-01\s+RENT MARCH\s+-1200\s+3479\.29/);
    expect(text.stdout).toContain(`${join(root, "us.csv")}:8`);
  });

  it("names the option that is wrong and what it accepts", () => {
    const where = runCli(["table", "query", "--where", "amount"], env);
    expect(where.code).toBe(2);
    expect(where.stderr).toMatch(/--where "amount" is not valid[\s\S]*column=value/);
    const date = runCli(["table", "query", "--from", "last week"], env);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--from: .*YYYY-MM-DD/);
    const agg = runCli(["table", "query", "--agg", "median"], env);
    expect(agg.stderr).toMatch(/--agg[\s\S]*sum, count, avg, min, max/);
    const column = runCli(["table", "query", "--group-by", "shop"], env);
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(/no column "shop"/);
  });

  it("shows the categories rules in use and where to edit them", () => {
    const shown = runCli(["table", "categories"], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`rules in use: ${join(home, "categories.txt")}`);
    expect(shown.stdout).toContain("groceries: whole foods, trader joe");
  });
});
