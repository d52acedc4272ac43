// Tests: merchant, date and total found in a receipt's recognised lines.
import { describe, expect, it } from "vitest";
import { dateOrderOf, receiptFields } from "../../src/tables/receipt-fields.js";
import { receiptTable } from "../../src/tables/receipt-table.js";

describe("receipt fields", () => {
  it("finds the merchant, the date and the rounded total, with their lines", () => {
    const lines = [
      "thank you for shopping",
      "HARBOUR BAKERY LTD",
      "12 Quay Street",
      "Date: 14/03/2026 10:42",
      "2 x Sourdough 9.00",
      "SUB TOTAL 9.00",
      "TOTAL QTY 2",
      "GST 6% 0.54",
      "TOTAL 9.54",
      "ROUNDED TOTAL (RM) 9.55",
      "CASH 20.00",
      "CHANGE 10.45",
    ];
    expect(receiptFields(lines, "mdy")).toEqual({
      merchant: "HARBOUR BAKERY LTD",
      date: "2026-03-14",
      totalMinor: 955,
      currency: "MYR",
      totalLine: 10,
      dateLine: 4,
    });
  });

  it("takes the amount below a label, and the locale's order only when the receipt does not tell", () => {
    const lines = ["CORNER SHOP", "03/04/2026", "TOTAL:", "€ 1,234.50"];
    expect(receiptFields(lines, "dmy")).toMatchObject({
      date: "2026-04-03",
      totalMinor: 123450,
      currency: "EUR",
      totalLine: 3,
    });
    expect(receiptFields(lines, "mdy").date).toBe("2026-03-04");
    expect(receiptFields(["just a note", "no money here"], "dmy")).toMatchObject({
      date: null,
      totalMinor: null,
    });
  });

  it("reads decimal-comma totals, with or without a thousands point, and German labels", () => {
    const totalOf = (total: string) =>
      receiptFields(
        ["BÄCKEREI MÜLLER", "14.03.2026", `SUMME EUR ${total}`, "MWST-SUMME 0,82", "BAR"],
        "dmy",
      ).totalMinor;
    expect(totalOf("12,50")).toBe(1250);
    expect(totalOf("1.234,56")).toBe(123456);
    expect(totalOf("1,234.56")).toBe(123456);
    expect(totalOf("12.345.678,90")).toBe(1234567890);
    // A date's points are not a thousands mark, nor is an amount with three decimals one amount.
    expect(receiptFields(["SHOP", "TOTAL 14.03.2026 9,95"], "dmy").totalMinor).toBe(995);
    expect(receiptFields(["SHOP", "01.01.2026", "TOTAL 1.234"], "dmy").totalMinor).toBeNull();
  });

  it("does not take a table, a time sheet or a rounding line for a receipt's total", () => {
    expect(receiptTable(["Date Item Total", "2026-03-01 Rent 1200.00"], "dmy")).toBeNull();
    expect(receiptTable(["Project log 2026-03-02", "total of 3.50 hours"], "dmy")).toBeNull();
    const slip = ["SHOP", "14-Mar-2026", "TOTAL 9.54", "TOTAL ROUNDING ADJ -0.01", "CASH 10.00"];
    expect(receiptFields(slip, "dmy")).toMatchObject({ date: "2026-03-14", totalMinor: 954 });
    expect(receiptFields(["SHOP", "TOTAL:", "14.03.2026 10:42", "CASH 5.00"], "dmy")).toMatchObject(
      { totalMinor: null, date: "2026-03-14" },
    );
  });

  it("reads the numeric date order of a locale", () => {
    expect(dateOrderOf("en-US")).toBe("mdy");
    expect(dateOrderOf("en-GB")).toBe("dmy");
    expect(dateOrderOf("de-DE")).toBe("dmy");
  });
});
