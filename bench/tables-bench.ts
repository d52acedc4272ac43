// `npm run bench -- tables`: statements through the whole pipeline (no embedding), then table queries.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { indexRoot } from "../src/pipeline/index-root.js";
import { type TableQueryInput, tableQuerySchema } from "../src/table-query/spec.js";
import { loadCategories } from "../src/table-query/categories.js";
import { seededRandom, summarize } from "./synthetic.js";

export interface TablesBenchResult {
  files: number;
  transactions: number;
  indexSeconds: number;
  rowsPerSec: number;
  queriesMs: Record<string, { p50: number; p95: number }>;
  peakRssMB: number;
}

const MERCHANTS = [
  "WHOLE FOODS MARKET",
  "TRADER JOE'S",
  "SHELL OIL",
  "STARBUCKS",
  "AMAZON MKTP",
  "NETFLIX.COM",
  "UBER TRIP",
  "CITY WATER UTILITY",
  "PAYROLL ACME CORP",
  "LOCAL BISTRO",
  "PHARMACY PLUS",
  "RENT PAYMENT",
];

/** One month's statement: US style (month-first dates, "$") or European (day-first, decimal commas, debit/credit). */
function statement(
  random: () => number,
  year: number,
  month: number,
  rows: number,
  european: boolean,
): string {
  const out = european
    ? ["Konto;Girokonto", "Zeitraum;2024", "", "Buchungstag;Verwendungszweck;Soll;Haben;Währung"]
    : ["Date,Description,Amount,Balance"];
  let balance = 5_000;
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(random() * 28);
    const merchant = MERCHANTS[Math.floor(random() * MERCHANTS.length)]!;
    const cents = Math.floor(random() * 20_000) + 1;
    const income = merchant.startsWith("PAYROLL");
    const amount = (income ? cents * 10 : -cents) / 100;
    balance += amount;
    const mm = String(month).padStart(2, "0");
    const dd = String(day).padStart(2, "0");
    if (european) {
      const text = Math.abs(amount).toFixed(2).replace(".", ",");
      out.push(
        `${dd}.${mm}.${year};${merchant} ${i};${income ? "" : text};${income ? text : ""};EUR`,
      );
    } else {
      out.push(
        `${mm}/${dd}/${year},"${merchant} #${i}",${amount < 0 ? "-" : ""}$${Math.abs(amount).toFixed(2)},$${balance.toFixed(2)}`,
      );
    }
  }
  return out.join("\n") + "\n";
}

function time(work: () => unknown, runs: number): { p50: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  const { p50, p95 } = summarize(samples);
  return { p50: Math.round(p50 * 10) / 10, p95: Math.round(p95 * 10) / 10 };
}

export async function benchTables(files = 120, rowsPerFile = 1_000): Promise<TablesBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-tables-"));
  try {
    const random = seededRandom(11);
    const root = join(dir, "statements");
    mkdirSync(root);
    for (let f = 0; f < files; f++) {
      const year = 2016 + Math.floor(f / 12);
      const european = f % 2 === 1;
      writeFileSync(
        join(root, `${year}-${(f % 12) + 1}.csv`),
        statement(random, year, (f % 12) + 1, rowsPerFile, european),
      );
    }
    const hearth = await openHearth({
      log: silentLogger,
      env: { ...process.env, HEARTH_HOME: join(dir, "home") },
      loadModel: false,
    });
    try {
      const start = performance.now();
      await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
      const indexSeconds = (performance.now() - start) / 1000;
      const categories = join(dir, "home", "categories.txt");
      const within = [realpathSync(root)];
      const transactions = hearth.store.tables.list(1, 0, within).transactions.count;
      // The query as the service runs it: the rules read fresh, the scope the caller sees.
      const ask = (q: TableQueryInput) => () =>
        hearth.store.tables.query(tableQuerySchema.parse(q), loadCategories(categories), within);
      const queriesMs = {
        "sum by month, all": time(ask({ group_by: "month", limit: 500 }), 20),
        "groceries by month, one year": time(
          ask({
            category: "groceries",
            flow: "out",
            group_by: "month",
            from: "2020-01-01",
            to: "2020-12-31",
          }),
          20,
        ),
        "sum by category, all": time(
          ask({ group_by: "category", aggregates: ["sum", "count", "avg"] }),
          10,
        ),
        "text match, top 50 by amount": time(
          ask({ text: "starbucks", sort: "amount", limit: 50 }),
          20,
        ),
        "one table by week": time(ask({ table: join(root, "2020-3.csv"), group_by: "week" }), 20),
      };
      return {
        files,
        transactions,
        indexSeconds: Math.round(indexSeconds * 100) / 100,
        rowsPerSec: Math.round(transactions / indexSeconds),
        queriesMs,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      await hearth.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
