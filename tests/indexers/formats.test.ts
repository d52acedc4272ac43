// Tests: indexers on generated documents; extraction limits; extraction memory ceiling.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { makeDocx, makePdf, makeXlsx, makeZipBomb } from "./fixtures.js";

let hearth: Hearth;
let root: string;

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  Buffer.alloc(200, 7),
]);

async function search(query: string) {
  return (
    await hearth.searcher.search({
      query,
      mode: "keyword",
      limit: 5,
      filters: {},
      chunksPerFile: 3,
    })
  ).results;
}

function failure(name: string): string | null {
  return hearth.store.getFile(join(root, name))?.error ?? null;
}

describe("indexers on generated documents", () => {
  beforeAll(async () => {
    root = tempDir();
    const pdf = await makePdf([
      "Statement for March\nOpening balance 1200",
      "Groceries at Marktplatz 84.20\nClosing balance 950",
    ]);
    writeTree(root, {
      "statement.pdf": Buffer.from(pdf),
      "truncated.pdf": Buffer.from(pdf.subarray(0, Math.floor(pdf.length / 2))),
      "photo.pdf": JPEG,
      "empty.pdf": Buffer.alloc(0),
      "letter.docx": Buffer.from(
        makeDocx("Tenancy renewal", "Dear landlord, I accept the renewal terms.", [
          ["Rent", "1450"],
          ["Deposit", "2900"],
        ]),
      ),
      "bomb.docx": Buffer.from(makeZipBomb()),
      "page.html":
        "<html><head><title>Recipe page</title><script>var tracking='zzscript';</script><style>.x{}</style></head>" +
        "<body><nav>zznavigation menu</nav><h1>Plum cake</h1><p>Bake the plums for forty minutes.</p>" +
        "<table><tr><th>Item</th><th>Grams</th></tr><tr><td>Flour</td><td>250</td></tr></table><footer>zzfooter</footer></body></html>",
      "accounts.csv":
        "Date,Description,Amount\n" +
        Array.from(
          { length: 45 },
          (_, i) => `2026-03-${String((i % 28) + 1).padStart(2, "0")},Shop ${i},${i}.50`,
        ).join("\n") +
        "\n",
      "receipt.eml":
        "From: Shop <orders@shop.example>\r\nTo: me@home.example\r\nSubject: Your receipt 4471\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\n" +
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThank you for buying a kettle.\r\n' +
        '--b\r\nContent-Type: text/plain; name="items.txt"\r\nContent-Disposition: attachment; filename="items.txt"\r\n\r\nElectric kettle, descaler\r\n--b--\r\n',
      "archive.mbox":
        "From a@x Tue Mar  3 10:00:00 2026\nFrom: Ann <ann@x.example>\nSubject: Garden party\n\nBring lemonade.\n\n" +
        "From b@x Wed Mar  4 10:00:00 2026\nFrom: Bob <bob@x.example>\nSubject: Carpool\n\nI can drive on Saturday.\n",
      "tool.ts":
        "import x from 'y';\n\nexport function computeInvoiceTotal(lines: number[]): number {\n  return lines.reduce((a, b) => a + b, 0);\n}\n",
      "accounts.xlsx": await makeXlsx(),
      "fake.xlsx": "just text, not a workbook",
      "utf16.txt": Buffer.from("Wäsche waschen am Donnerstag, bitte nicht vergessen.", "utf16le"),
    });
    const { env } = makeHome({ config: { index: { extractTimeoutMs: 20_000 } } });
    hearth = await openTestHearth(env);
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
  });

  it("PDF: text per page, and citations carry the page", async () => {
    const [hit] = await search("Marktplatz groceries");
    expect(hit).toMatchObject({
      path: join(root, "statement.pdf"),
      kind: "pdf",
      location: { page: 2 },
    });
    expect(hit!.title).toBe("Generated statement");
    expect((await search("opening balance"))[0]!.location).toEqual({ page: 1 });
  });

  it("PDF: truncated, mislabelled and empty files fail with a human reason", () => {
    expect(failure("truncated.pdf")).toMatch(/damaged PDF|could not be read|no text layer/);
    expect(failure("photo.pdf")).toBe("not a PDF: the file is a JPEG image");
    expect(failure("empty.pdf")).toBe("empty file (0 bytes)");
  });

  it("DOCX: headings become structure and tables stay rows; a zip bomb is refused", async () => {
    const [hit] = await search("landlord renewal");
    expect(hit).toMatchObject({
      path: join(root, "letter.docx"),
      kind: "docx",
      title: "Tenancy renewal",
      heading: "Tenancy renewal",
    });
    const text = rawDb(hearth)
      .prepare("SELECT text FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = ?")
      .pluck()
      .get(join(root, "letter.docx")) as string;
    expect(text).toContain("Rent | 1450");
    expect(failure("bomb.docx")).toMatch(/zip bomb/);
  });

  it("HTML: visible text and headings; scripts, styles and navigation dropped", async () => {
    const [hit] = await search("plums forty minutes");
    expect(hit).toMatchObject({ kind: "html", title: "Recipe page", heading: "Plum cake" });
    expect(await search("zzscript")).toEqual([]);
    expect(await search("zznavigation")).toEqual([]);
    expect(await search("zzfooter")).toEqual([]);
    expect((await search("flour grams"))[0]?.snippet).toContain("Flour | 250");
  });

  it("CSV: each chunk repeats the header and cites the rows' lines", async () => {
    const hits = await search("Shop 44");
    expect(hits[0]).toMatchObject({
      kind: "csv",
      location: { startLine: 42, endLine: 46 },
      heading: "Date | Description | Amount",
    });
    expect(hits[0]!.snippet).toMatch(/^2026-03-13 \| Shop 40 \| 40\.50/);
    const headings = rawDb(hearth)
      .prepare(
        "SELECT heading FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = ? ORDER BY ordinal",
      )
      .pluck()
      .all(join(root, "accounts.csv")) as string[];
    expect(headings).toEqual(Array(3).fill("Date | Description | Amount"));
  });

  it("XLSX: rows per sheet with the header as heading; citations give sheet and rows", async () => {
    const [holiday] = await search("holiday fund");
    expect(holiday).toMatchObject({
      kind: "xlsx",
      location: { sheet: "Savings", startRow: 2, endRow: 3 },
      heading: "Savings: Date | Memo | Amount",
    });
    expect(holiday!.snippet).toContain("2026-02-05 | Transfer to holiday fund | -400");
    const [payee] = await search("Payee 25");
    expect(payee!.location).toEqual({ sheet: "Checking", startRow: 22, endRow: 31 });
    expect(failure("fake.xlsx")).toBe("not an XLSX workbook: the file is not a zip archive");
  });

  it("email: headers in the text, text attachments included, one message per mbox entry", async () => {
    const [receipt] = await search("receipt kettle");
    expect(receipt).toMatchObject({ kind: "eml", title: "Your receipt 4471" });
    expect((await search("descaler"))[0]?.path).toBe(join(root, "receipt.eml"));
    const carpool = (await search("carpool saturday"))[0]!;
    expect(carpool).toMatchObject({ kind: "mbox", location: { startLine: 8 } });
    expect(carpool.snippet).toContain(`From: "Bob" <bob@x.example>`);
  });

  it("code: the language is the kind, and lines are cited", async () => {
    const [hit] = await search("computeInvoiceTotal");
    expect(hit).toMatchObject({ kind: "typescript", path: join(root, "tool.ts") });
  });

  it("text: UTF-16 without a BOM is decoded", async () => {
    expect((await search("Wäsche Donnerstag"))[0]?.path).toBe(join(root, "utf16.txt"));
  });
});

describe("extraction limits", () => {
  it("stops an extraction that runs past the time limit, reports it, and keeps going", async () => {
    const dir = tempDir();
    const pages = Array.from(
      { length: 400 },
      (_, i) => `Page ${i} of a long report about budgets and plans.`,
    );
    writeFileSync(join(dir, "huge.pdf"), await makePdf(pages));
    writeFileSync(join(dir, "note.md"), "# Fine\n\nThis one is quick.\n");
    const { env } = makeHome({ config: { index: { extractTimeoutMs: 100 } } });
    const limited = await openTestHearth(env);
    const report = await indexRoot(limited.indexDeps, dir, { concurrency: 1 });
    expect(report.indexed).toBe(1);
    expect(report.failures).toEqual([
      {
        path: join(limited.store.listRoots()[0]!.path, "huge.pdf"),
        error: "extraction took longer than 0.1 s and was stopped",
      },
    ]);
    // Retried only when it changes.
    const again = await indexRoot(limited.indexDeps, dir, { concurrency: 1 });
    expect(again.failed).toBe(0);
  });
});

describe("extraction memory ceiling", () => {
  it(
    "stops an extraction that needs more memory than allowed, and keeps going",
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const row = "2026-03-01,A fairly long description of a purchase at a shop,12.50\n";
      writeFileSync(join(dir, "big.csv"), "Date,Description,Amount\n" + row.repeat(400_000)); // ~27 MB
      writeFileSync(join(dir, "note.md"), "# Fine\n\nSmall.\n");
      const { env } = makeHome({
        config: {
          index: { extractMemoryMb: 32, extractTimeoutMs: 60_000, maxFileBytes: 100_000_000 },
        },
      });
      const limited = await openTestHearth(env);
      const report = await indexRoot(limited.indexDeps, dir, { concurrency: 1 });
      expect(report.indexed).toBe(1);
      expect(report.failures[0]?.error).toBe(
        "extraction needed more than 32 MB of memory and was stopped",
      );
    },
  );
});
