// Tests: search.
import { utimesSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import type { SearchMode, SearchRequest } from "../../src/search/search.js";
import { KNOWN_QUERIES, NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";

const PLUM_CAKE = `# Plum cake

Cream the butter with brown sugar, beat in three eggs, fold in flour, cinnamon and a pinch of salt.
Halve the plums, press them into the batter skin down, and bake at 180 °C for 45 minutes.
`;

const INVOICE = `Harbor Supplies Ltd — Invoice INV-0042
Date: 2024-03-14   Due: 2024-04-13
Bill to: Casa Verde Studio, 12 Elm Road, Springfield 40211
Item: printer paper A4, 40 boxes at 18.25 = 730.00
Item: toner cartridges, 6 at 92.42 = 554.50
Total due: 1,284.50 EUR   IBAN DE44 5001 0517 5407 3249 31
`;

const INVOICE_JSON = JSON.stringify(
  {
    issuer: "Harbor Supplies Ltd",
    invoice_number: "INV-0042",
    date: "2024-03-14",
    date_due: "2024-04-13",
    partner_name: "Casa Verde Studio",
    partner_zip: "40211",
    amount: "1,284.50",
    currency: "EUR",
    iban: "DE44 5001 0517 5407 3249 31",
  },
  null,
  2,
);

let hearth: Hearth;
let root: string;

function request(query: string, extra: Partial<SearchRequest> = {}): SearchRequest {
  return { query, mode: "hybrid", limit: 10, filters: {}, chunksPerFile: 1, ...extra };
}

describe("search", () => {
  beforeAll(async () => {
    const dir = tempDir();
    writeTree(dir, NOTES);
    // Two equally relevant notes; the one indexed first is the older.
    writeTree(dir, {
      "twins/a.md": "# Quokka census\n\nCounted the zanzibarquokka colony on the island again.\n",
      "twins/b.md": "# Quokka census\n\nCounted the zanzibarquokka family at the harbor today.\n",
    });
    // A file named for what it is, whose text says little of it, beside one that says it a lot.
    writeTree(dir, {
      "work/Quarterly-Report_2025.md": "Numbers went up; see the attached figures.\n",
      "work/notes-on-reports.md":
        "# Reports\n\nThe quarterly report is due. Every quarterly report for 2025 needs a " +
        "summary; the quarterly report template lives in the shared drive.\n",
      "work/minutes.md": "# Kickoff meeting of the Falcon project\n\nWe agreed on the scope.\n",
      // The same things twice: a note and its copy, an invoice and its JSON export.
      "recipes/plum-cake.md": PLUM_CAKE,
      "backup/plum-cake (copy).md": PLUM_CAKE,
      "invoices/INV-0042.txt": INVOICE,
      "invoices/INV-0042.expected.json": INVOICE_JSON,
      "invoices/INV-0043.txt": INVOICE.replace(/0042/g, "0043")
        .replace(/2024-03-14/g, "2024-04-11")
        .replace("1,284.50", "932.10")
        .replace("Harbor Supplies", "Northwind Paper"),
    });
    const older = new Date("2024-05-01T00:00:00Z");
    utimesSync(join(dir, "twins/a.md"), older, older);
    // An old file, for the date filters.
    const old = new Date("2020-01-15T00:00:00Z");
    utimesSync(join(dir, "travel/japan.txt"), old, old);
    const { env } = makeHome({ model: true });
    hearth = await openTestHearth(env);
    root = (await indexRoot(hearth.indexDeps, dir, { concurrency: 2 })).root;
  });

  for (const mode of ["keyword", "semantic", "hybrid"] as SearchMode[]) {
    it(`finds the right file in the top 3 for every known query (${mode})`, async () => {
      for (const [query, expected] of KNOWN_QUERIES) {
        const { results } = await hearth.searcher.search(request(query, { mode }));
        const top3 = results.slice(0, 3).map((r) => r.path);
        expect(top3, `${mode}: ${query}`).toContain(join(root, expected));
      }
    });
  }

  it("cites the line range and returns a snippet around the match", async () => {
    const { results, mode } = await hearth.searcher.search(request("monthly rent rises"));
    expect(mode).toBe("hybrid");
    const hit = results[0]!;
    expect(hit.path).toBe(join(root, "home/lease.md"));
    expect(hit.kind).toBe("md");
    expect(hit.location).toEqual({ startLine: 1, endLine: 7 });
    expect(hit.snippet).toContain("monthly rent rises");
    expect(new Date(hit.modified).getTime()).toBeGreaterThan(0);
  });

  it("filters by path prefix without matching a sibling that shares the prefix", async () => {
    const { results } = await hearth.searcher.search(
      request("tomatoes compost lease smoothie", { filters: { pathPrefix: join(root, "garden") } }),
    );
    expect(results.map((r) => r.path)).toEqual([join(root, "garden/tomatoes.md")]);
    const sibling = await hearth.searcher.search(
      request("tomatoes", { filters: { pathPrefix: join(root, "gard") } }),
    );
    expect(sibling.results).toEqual([]);
  });

  it("filters by kind and by modification date, in every mode", async () => {
    for (const mode of ["keyword", "semantic", "hybrid"] as SearchMode[]) {
      const txt = await hearth.searcher.search(
        request("banana temples lease", { mode, filters: { kinds: ["txt"] } }),
      );
      expect(txt.results.length).toBeGreaterThan(0);
      expect(txt.results.every((r) => r.kind === "txt")).toBe(true);
      const before = await hearth.searcher.search(
        request("temples Kyoto lease", { mode, filters: { before: Date.parse("2021-01-01") } }),
      );
      expect(before.results.map((r) => r.path)).toEqual([join(root, "travel/japan.txt")]);
      const after = await hearth.searcher.search(
        request("temples Kyoto", { mode, filters: { after: Date.parse("2021-01-01") } }),
      );
      expect(after.results.map((r) => r.path)).not.toContain(join(root, "travel/japan.txt"));
    }
  });

  for (const mode of ["keyword", "semantic", "hybrid"] as SearchMode[]) {
    it(`ranks first the file a query names by its file name or its title (${mode})`, async () => {
      for (const q of [
        "quarterly report 2025",
        "Quarterly-Report_2025.md",
        "2025 quarterly report",
      ]) {
        const { results } = await hearth.searcher.search(request(q, { mode }));
        expect(results[0]?.path, q).toBe(join(root, "work/Quarterly-Report_2025.md"));
      }
      const titled = await hearth.searcher.search(
        request("kickoff meeting of the falcon project", { mode }),
      );
      expect(titled.results[0]?.path).toBe(join(root, "work/minutes.md"));
      // Not a name: ordinary ranking (the note that talks about reports wins).
      const partial = await hearth.searcher.search(
        request("quarterly report", { mode: "keyword" }),
      );
      expect(partial.results[0]?.path).toBe(join(root, "work/notes-on-reports.md"));
    });
  }

  for (const mode of ["keyword", "semantic", "hybrid"] as SearchMode[]) {
    it(`shows the same thing in two files once, saying where else it is (${mode})`, async () => {
      const cake = await hearth.searcher.search(request("plum cake cinnamon recipe", { mode }));
      const cakes = cake.results.filter((r) => r.path.includes("plum-cake"));
      expect(cakes).toHaveLength(1);
      expect(cakes[0]!.alsoIn).toHaveLength(1);
      const invoice = await hearth.searcher.search(
        request("invoice Harbor Supplies INV-0042", { mode }),
      );
      const hits = invoice.results.filter((r) => r.path.includes("INV-004"));
      const paths = hits.map((r) => [r.path, ...(r.alsoIn ?? [])].sort());
      // The export folds into its invoice; a different invoice from the same template does not.
      expect(paths).toContainEqual([
        join(root, "invoices/INV-0042.expected.json"),
        join(root, "invoices/INV-0042.txt"),
      ]);
      expect(paths).toContainEqual([join(root, "invoices/INV-0043.txt")]);
    });
  }

  it("breaks ties between equally relevant notes by recency", async () => {
    const { results } = await hearth.searcher.search(
      request("zanzibarquokka", { mode: "keyword" }),
    );
    expect(results.map((r) => r.path)).toEqual([
      join(root, "twins/b.md"),
      join(root, "twins/a.md"),
    ]);
    expect(results[0]!.score).toBe(results[1]!.score);
  });

  it("orders the relevant results newest first with sort: date, in every mode", async () => {
    for (const mode of ["keyword", "semantic", "hybrid"] as SearchMode[]) {
      const q = "temples Kyoto lease apartment";
      const relevant = await hearth.searcher.search(request(q, { mode }));
      const byDate = await hearth.searcher.search(request(q, { mode, sort: "date" }));
      expect(new Set(byDate.results.map((r) => r.path))).toEqual(
        new Set(relevant.results.map((r) => r.path)),
      );
      const times = byDate.results.map((r) => Date.parse(r.modified));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(byDate.results.at(-1)?.path).toBe(join(root, "travel/japan.txt"));
    }
  });

  it("gives one result per file unless asked for more", async () => {
    const long = tempDir();
    const para = (i: number) =>
      `## Part ${i}\n\n${`Quarterly budget review notes part ${i}. `.repeat(40)}\n`;
    writeTree(long, { "budget.md": `# Budget\n\n${[1, 2, 3, 4].map(para).join("\n")}` });
    await indexRoot(hearth.indexDeps, long, { concurrency: 1 });
    const one = await hearth.searcher.search(
      request("quarterly budget review", { mode: "keyword" }),
    );
    expect(one.results.filter((r) => r.path.endsWith("budget.md"))).toHaveLength(1);
    const many = await hearth.searcher.search(
      request("quarterly budget review", { mode: "keyword", chunksPerFile: 3 }),
    );
    expect(many.results.filter((r) => r.path.endsWith("budget.md"))).toHaveLength(3);
  });

  const HOSTILE = [
    '"unbalanced quote',
    "lease AND OR NOT",
    "NEAR(lease rent, 2)",
    "*",
    "lease*",
    "title:lease",
    "^lease",
    "-- ; DROP TABLE chunks; --",
    "()",
    "'",
    "日本 旅行 京都",
    "émigré naïve café",
    "🔥🏠",
    "",
    "   ",
    '"',
    "-",
    '-"',
    '"" -""',
    "- -lease",
    '"lease" -lease',
    '-"apartment lease"',
    "lease ".repeat(2000) + "x".repeat(2000),
  ];
  for (const mode of ["keyword", "semantic", "hybrid"] as SearchMode[]) {
    it(`matches "quoted phrases" as phrases and leaves out -excluded words (${mode})`, async () => {
      const lease = join(root, "home/lease.md");
      const phrase = await hearth.searcher.search(request('"monthly rent" deposit', { mode }));
      expect(phrase.results.map((r) => r.path)).toEqual([lease]);
      const reversed = await hearth.searcher.search(request('"rent monthly"', { mode }));
      expect(reversed.results.map((r) => r.path)).not.toContain(lease);
      const plain = await hearth.searcher.search(request("apartment lease renew", { mode }));
      expect(plain.results.map((r) => r.path)).toContain(lease);
      for (const q of [
        "apartment lease renew -landlord",
        'apartment lease renew -"two more years"',
      ]) {
        const without = await hearth.searcher.search(request(q, { mode }));
        expect(
          without.results.map((r) => r.path),
          q,
        ).not.toContain(lease);
      }
      // A hyphen inside a word is not an exclusion.
      const hyphen = await hearth.searcher.search(request("apartment-lease", { mode }));
      expect(hyphen.results.map((r) => r.path)).toContain(lease);
    });

    it(`never throws on hostile query strings (${mode})`, async () => {
      for (const q of HOSTILE) {
        const response = await hearth.searcher.search(request(q, { mode }));
        expect(Array.isArray(response.results)).toBe(true);
      }
      const quoted = await hearth.searcher.search(request('"apartment lease', { mode }));
      expect(quoted.results[0]?.path).toBe(join(root, "home/lease.md"));
    });
  }
});
