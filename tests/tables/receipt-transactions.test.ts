// Tests: a photographed receipt becomes a transaction (kind receipt, cited to its line), and one
// already on a bank statement (same amount, dated within 3 days) is not counted twice.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serviceOver } from "../../src/host/open-service.js";
import { CLI_CALLER, agentCaller } from "../../src/service/caller.js";
import { runMain } from "../cli/run-main.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { scannedPdf, textImage } from "../indexers/images.js";
import { receiptTable } from "../../src/tables/receipt-table.js";
import type { ExtractedTable } from "../../src/tables/types.js";

describe("receipts as transactions", () => {
  it("adds each receipt's total as money out, and leaves out a receipt a statement already has", async () => {
    const root = tempDir();
    writeTree(root, {
      "receipts/bakery.png": await textImage([
        "HARBOUR BAKERY",
        "DATE 2026-03-14",
        "SOURDOUGH 9.00",
        "TOTAL EUR 9.00",
      ]),
      "receipts/hardware.png": await textImage([
        "CORNER HARDWARE",
        "DATE 2026-03-20",
        "TOTAL EUR 42.50",
      ]),
      // A one-page scan of a receipt is a receipt too.
      "receipts/pharmacy.pdf": Buffer.from(
        await scannedPdf([["CITY PHARMACY", "DATE 2026-03-24", "TOTAL EUR 12.30"]]),
      ),
      "bank/march.csv":
        "Date,Description,Amount\n2026-03-16,CARD HARBOUR BAKERY,-9.00\n2026-03-02,PAYROLL,2000.00\n",
    });
    const { env } = makeHome({
      config: { roots: [root], profiles: { receipts: { roots: [join(root, "receipts")] } } },
    });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const service = await serviceOver(await openTestHearth(env, { loadModel: false }));

    const receipts = (await service.queryTable(CLI_CALLER, {
      equals: { source_kind: "receipt" },
    })) as { rows: { values: Record<string, unknown>; source: { path: string; row: number } }[] };
    expect(receipts.rows).toHaveLength(2);
    expect(receipts.rows[1]).toMatchObject({
      values: { date: "2026-03-24", description: "CITY PHARMACY", amount: -12.3 },
      source: { path: join(root, "receipts/pharmacy.pdf"), row: 4 },
    });
    // The row is the total's line as read numbers the scan's text, after its "[page 1]" line.
    const read = await service.read(CLI_CALLER, {
      path: join(root, "receipts/pharmacy.pdf"),
      startLine: 4,
      endLine: 4,
    });
    expect(read.text).toMatch(/^4\tTOTAL EUR 12.30$/);
    expect(receipts.rows[0]).toMatchObject({
      values: {
        date: "2026-03-20",
        description: "CORNER HARDWARE",
        amount: -42.5,
        currency: "EUR",
      },
      source: { path: join(root, "receipts/hardware.png"), row: 3 },
    });

    const out = (await service.queryTable(CLI_CALLER, {
      flow: "out",
      aggregates: ["sum", "count"],
    })) as { groups: { currency?: string | null; sum: unknown; count: number }[] };
    // The bakery's receipt is the statement's card line: counted once (as the statement's, which
    // prints no currency); the hardware and pharmacy receipts on their own, in the euros printed.
    expect(out.groups).toEqual([
      expect.objectContaining({ currency: null, sum: -9, count: 1 }),
      expect.objectContaining({ currency: "EUR", sum: -54.8, count: 2 }),
    ]);
    // A profile that sees the receipts but not the bank: every receipt is its spending.
    const mine = (await service.queryTable(agentCaller("agent", "receipts"), {
      flow: "out",
      aggregates: ["sum", "count"],
    })) as { groups: { currency?: string | null; sum: unknown; count: number }[] };
    expect(mine.groups).toEqual([
      expect.objectContaining({ currency: "EUR", sum: -63.8, count: 3 }),
    ]);
  });

  it("lets one statement line stand for one receipt: a second equal purchase still counts", async () => {
    const root = tempDir();
    const coffee = (date: string) =>
      textImage(["QUAY COFFEE", `DATE ${date}`, "FLAT WHITE 4.20", "TOTAL EUR 4.20", "CARD"]);
    writeTree(root, {
      "receipts/monday.png": await coffee("2026-03-16"),
      "receipts/tuesday.png": await coffee("2026-03-17"),
      "bank/march.csv": "Date,Description,Amount\n2026-03-17,CARD QUAY COFFEE,-4.20\n",
    });
    const { env } = makeHome({ config: { roots: [root] } });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const service = await serviceOver(await openTestHearth(env, { loadModel: false }));
    const out = (await service.queryTable(CLI_CALLER, {
      flow: "out",
      aggregates: ["sum", "count"],
    })) as { groups: { currency?: string | null; sum: unknown; count: number }[] };
    // Two coffees, one on the statement so far: the statement's line and Tuesday's receipt.
    expect(out.groups).toEqual([
      expect.objectContaining({ currency: null, sum: -4.2, count: 1 }),
      expect.objectContaining({ currency: "EUR", sum: -4.2, count: 1 }),
    ]);
    const receipts = (await service.queryTable(CLI_CALLER, {
      equals: { source_kind: "receipt" },
    })) as { rows: { values: Record<string, unknown> }[] };
    expect(receipts.rows.map((r) => r.values.date)).toEqual(["2026-03-17"]);
  });

  it("counts a purchase made every day with a card line every day once a day", async () => {
    const root = tempDir();
    const { env } = makeHome({ config: { roots: [root] } });
    const hearth = await openTestHearth(env, { loadModel: false });
    const { id: rootId } = hearth.store.addRoot(root);
    const write = (name: string, kind: string, table: ExtractedTable) =>
      hearth.store.writeIndexedFile(
        {
          path: join(root, name),
          size: 1,
          mtimeMs: 1,
          rootId,
          kind,
          contentHash: name,
          title: name,
          chunks: [],
          vectorModel: null,
          tables: [table],
        },
        new Map(),
      );
    const day = (n: number) => `2026-03-${String(n).padStart(2, "0")}`;
    const lines: string[] = [];
    const spend = async (receiptDays: number[], lineDays: number[]) => {
      for (const n of receiptDays)
        write(
          `r/${day(n)}.png`,
          "image",
          receiptTable(["QUAY COFFEE", `DATE ${day(n)}`, "TOTAL 4.50", "CARD"], "dmy")!,
        );
      lines.push(...lineDays.map((n) => `${day(n)},CARD QUAY COFFEE,-4.50`));
      write("bank.csv", "csv", {
        name: "",
        headerRow: 1,
        columns: [
          { name: "Date", type: "date", role: "date" },
          { name: "Description", type: "text", role: "description" },
          { name: "Amount", type: "amount", role: "amount" },
        ],
        rows: [],
        transactions: lines.map((l, i) => {
          const [date, description] = l.split(",");
          return {
            row: i + 2,
            date: date!,
            description: description!,
            amount: -45_000,
            currency: null,
            balance: null,
          };
        }),
      });
      const service = await serviceOver(hearth);
      const out = (await service.queryTable(CLI_CALLER, {
        flow: "out",
        aggregates: ["count"],
      })) as {
        groups: { count: number }[];
      };
      return out.groups.reduce((a, g) => a + g.count, 0);
    };
    // Ten days of one coffee a day, each on the card the same day: ten purchases.
    expect(await spend([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(10);
    // Three more on days 21, 22 and 26, with card lines on 21, 23 and 26: three more.
    expect(await spend([21, 22, 26], [21, 23, 26])).toBe(13);
  });
});
