// Tests: a photographed receipt becomes a transaction (kind receipt, cited to its line), and one
// already on a bank statement (same amount, dated within 3 days) is not counted twice.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serviceOver } from "../../src/host/open-service.js";
import { CLI_CALLER, agentCaller } from "../../src/service/caller.js";
import { runMain } from "../cli/run-main.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { textImage } from "../indexers/images.js";

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
    expect(receipts.rows).toHaveLength(1);
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
    // prints no currency); the hardware receipt on its own, in the euros it printed.
    expect(out.groups).toEqual([
      expect.objectContaining({ currency: null, sum: -9, count: 1 }),
      expect.objectContaining({ currency: "EUR", sum: -42.5, count: 1 }),
    ]);
    // A profile that sees the receipts but not the bank: both receipts are its spending.
    const mine = (await service.queryTable(agentCaller("agent", "receipts"), {
      flow: "out",
      aggregates: ["sum", "count"],
    })) as { groups: { currency?: string | null; sum: unknown; count: number }[] };
    expect(mine.groups).toEqual([
      expect.objectContaining({ currency: "EUR", sum: -51.5, count: 2 }),
    ]);
  });
});
