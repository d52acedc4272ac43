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

  it("does not take a table, a time sheet, a bill or a rounding line for a receipt's total", () => {
    expect(receiptTable(["Date Item Total", "2026-03-01 Rent 1200.00"], "dmy")).toBeNull();
    // A bill is paid later, by the bank: its payment is the purchase, not the bill.
    const bill = ["NORTHERN POWER LTD", "Bill date 01/03/2024", "VAT 5% 4.01", "Amount due 84.20"];
    expect(receiptTable([...bill, "Paid by Direct Debit on 21/03/2024"], "dmy")).toBeNull();
    expect(receiptTable([...bill, "CASH 100.00", "CHANGE 15.80"], "dmy")).not.toBeNull();
    expect(receiptTable(["Project log 2026-03-02", "total of 3.50 hours"], "dmy")).toBeNull();
    const slip = ["SHOP", "14-Mar-2026", "TOTAL 9.54", "TOTAL ROUNDING ADJ -0.01", "CASH 10.00"];
    expect(receiptFields(slip, "dmy")).toMatchObject({ date: "2026-03-14", totalMinor: 954 });
    expect(receiptFields(["SHOP", "TOTAL:", "14.03.2026 10:42", "CASH 5.00"], "dmy")).toMatchObject(
      { totalMinor: null, date: "2026-03-14" },
    );
  });

  it("takes the total the slip's readings agree on: labels, its rounding line, cash less change", () => {
    const totalOf = (...lines: string[]) => receiptFields(["SHOP", "01/03/2018", ...lines], "dmy");
    // A tax summary's "TOTAL" row (net and tax side by side) is not the total.
    expect(totalOf("TOTAL : 4.90", "AMOUNT TAX", "TOTAL: 4.60 0.28").totalMinor).toBe(490);
    // A total before cash rounding is rounded by the slip's rounding line, signed or not.
    expect(totalOf("TOTAL AMT RM 60.31", "ROUNDING ADJ -0.01").totalMinor).toBe(6030);
    expect(totalOf("Total RM 30.91", "ROUNDING ADJUSTMENT RM 0.01").totalMinor).toBe(3090);
    // A rounded total misread (3 as 8) is outvoted by the rounding line and cash less change.
    const misread = totalOf(
      "Total RM 30.91",
      "ROUNDING ADJUSTMENT RM 0.01",
      "TOTAL ROUNDED RM 80.90",
      "CASH RM 51.00",
      "CHANGE RM 20.10",
    );
    expect(misread).toMatchObject({ totalMinor: 3090, totalLine: 3 });
    // No readable total label: what was paid less the change, never the total before tax.
    expect(
      totalOf(
        "Total (Excluding GST): 171.25",
        "Total (Inclusive of GST): fon 00",
        "CASH : 200. 00",
        "CHANGE : 10.00",
      ),
    ).toMatchObject({ totalMinor: 19000, totalLine: 5 });
    // OCR's TATAL for TOTAL, and a total "after adjustment" over a summary row.
    expect(totalOf("Tatal Sales (Inclusive) 32.70").totalMinor).toBe(3270);
    expect(totalOf("Total After Adj Incl GST 75.00", "Total 0.75 4.28").totalMinor).toBe(7500);
    // A total "(inclusive of GST)" is the total; a dashed leader before a rounding is no minus.
    expect(totalOf("TOTAL (INCLUSIVE GST) 47.70", "VISA 47.70").totalMinor).toBe(4770);
    expect(totalOf("TOTAL RM 12.48", "ROUNDING ------ 0.02").totalMinor).toBe(1250);
  });

  it("lets a second OCR pass's readings vote, and cites the first pass's lines", () => {
    const first = ["SHOP", "23/12/2017 14:03", "TOTAL RM 80.90", "CASH RM 100.00"];
    const second = [
      "SHOP",
      "22/12/2017 14:03",
      "TOTAL RM 30.90",
      "ROUNDED TOTAL RM 30.90",
      "22/12/2017",
    ];
    expect(receiptFields(first, "dmy")).toMatchObject({ totalMinor: 8090, date: "2017-12-23" });
    expect(receiptFields(first, "dmy", [second])).toMatchObject({
      totalMinor: 3090,
      totalLine: 3, // the first pass's total label, though its digits were misread
      date: "2017-12-22",
      dateLine: null, // the first pass never read that date
    });
  });

  it("reads dates OCR runs together or spells out, and skips a year OCR misread", () => {
    const dateOf = (...lines: string[]) => receiptFields(["SHOP", ...lines, "TOTAL 1.00"], "dmy");
    expect(dateOf("12Mar 2018 18:19").date).toBe("2018-03-12");
    expect(dateOf("Mar 12, 2018").date).toBe("2018-03-12");
    expect(dateOf("14 MAR 2618 18:19", "Printed 15/03/2018")).toMatchObject({
      date: "2018-03-15",
      dateLine: 3,
    });
  });

  it("names the merchant by its legal form, past scribbles, codes, addresses and wrapped lines", () => {
    const merchantOf = (...top: string[]) =>
      receiptFields([...top, "01/03/2018", "TOTAL 1.00"], "dmy").merchant;
    expect(merchantOf("Rezo,", "Morganfields", "Timeless Kitchenette Sdn Bhd")).toBe(
      "Timeless Kitchenette Sdn Bhd",
    );
    expect(merchantOf("HD205D", "UNIHAKKA INTERNATIONAL SDN BHD")).toBe(
      "UNIHAKKA INTERNATIONAL SDN BHD",
    );
    expect(merchantOf("NO.2-1-1 JALAN SETIA PRIMA", "CORNER CAFE")).toBe("CORNER CAFE");
    expect(merchantOf("HOME MASTER HARDWARE &", "ELECTRICAL", "NO. 113G")).toBe(
      "HOME MASTER HARDWARE & ELECTRICAL",
    );
    expect(merchantOf("BHD", "LIGHTROOM GALLERY SDN BHD")).toBe("LIGHTROOM GALLERY SDN BHD");
  });

  it("reads a total whose point OCR lost, and a pass reading below the subtotal as the misread one", () => {
    const fields = (lines: string[], ...others: string[][]) =>
      receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy", others);
    // The point lost ("1000", "10 00") right after the label, on a slip that prints its cents.
    expect(fields(["SUBTOTAL 10.00", "GRAND TOTAL 1000"]).totalMinor).toBe(1000);
    expect(fields(["SUBTOTAL 10.00", "GRAND TOTAL 10 00 :"]).totalMinor).toBe(1000);
    expect(fields(["SUBTOTAL 10.00", "TOTAL: RM 10 00"]).totalMinor).toBe(1000);
    // A slip without cents anywhere: its "TOTAL 1500" is no amount of cents.
    expect(fields(["TOTAL 1500"]).totalMinor).toBeNull();
    // Two passes read the total differently: the reading below the subtotal is the misread one.
    expect(
      fields(["SubTotal 179.60", "Nett Total 189.75"], ["SubTotal 179.60", "Nett Total 107.75"])
        .totalMinor,
    ).toBe(18975);
    expect(
      fields(["SubTotal 179.60", "Nett Total 107.75"], ["SubTotal 179.60", "Nett Total 189.75"])
        .totalMinor,
    ).toBe(18975);
  });

  it("takes no number at the end of a total line for a lost point unless it follows the label", () => {
    const totalWith = (line: string) =>
      receiptFields(["CORNER CAFE", "23/03/2018", "LATTE 12.50", "TOTAL 12.50", line], "dmy")
        .totalMinor;
    for (const line of [
      "POINTS TOTAL 125",
      "TOTAL POINTS: 340",
      "Total Pcs 100",
      "TOTAL INVOICE NO 10234",
      "AMOUNT DUE BY 30/04/2018",
      "TOTAL RM ..... REF 004521",
      "TOTAL 1 250",
    ]) {
      expect(totalWith(line), line).toBe(1250);
    }
  });

  it("reads the total as the slip's own sum where OCR garbles its label or its digits", () => {
    const fields = (...lines: string[]) =>
      receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy");
    const charged = ["SUB TOTAL RM 68.87", "SERVICE CHARGE RM 0.00", "GST/TAX 6% RM 4.13"];
    // The label unread ("OBE." for TOTAL): the amount under the charges that they add up to.
    expect(fields(...charged, "OBE. RM 73.00", "CHANGE: RM 0.00")).toMatchObject({
      totalMinor: 7300,
      totalLine: 6,
    });
    // Label and digit misread ("(UTAL 343.9%"): the sum, with its rounding, repairs the one digit.
    const served = ["SUB TOTAL 295.00", "SERVICE CHARGE 10% 29.50", "GST 6% 19.47"];
    expect(fields(...served, "ROUNDING ADJ -0.02", "(UTAL 343.9%").totalMinor).toBe(34395);
    // A total label read with a digit lost is outvoted by the sum a printed amount confirms.
    const taxed = ["SUB-TOTAL (EX) : 26.00", "TOTAL TAX : 1.56", "ROUNDING : -0.01"];
    expect(fields(...taxed, "TOTAL JAX 7.55", "CASH 27.55").totalMinor).toBe(2755);
    // No sum without a printed amount to confirm it: the subtotal may already hold its tax.
    expect(fields("SUBTOTAL 64.13", "GST 6% INCLUDED 3.63", "T0TA1 ###").totalMinor).toBeNull();
    // Nor with a charge unread, nor a one-digit repair of a small amount.
    expect(
      fields("SUB TOTAL 150.00", "SERVICE CHARGE 10% 15 0)", "X 150.00").totalMinor,
    ).toBeNull();
    expect(fields("SUBTOTAL 7.00", "TAX 0.55", "T0TA1 7.5%").totalMinor).toBeNull();
  });

  it("keeps the printed totals of ordinary slips that a sum or a repair could misread", () => {
    const cases: [string[], number][] = [
      // A tip, a coupon or a deposit after a total that the sum confirms: the last total stands.
      [["SUBTOTAL 40.00", "TAX 3.20", "TOTAL 43.20", "TIP 8.00", "TOTAL 51.20"], 5120],
      [["SUBTOTAL 40.00", "TAX 3.20", "AMOUNT 43.20", "TIP 8.00", "TOTAL 51.20"], 5120],
      [["SUBTOTAL 30.00", "TAX 2.40", "TOTAL 32.40", "COUPON -5.00", "AMOUNT DUE 27.40"], 2740],
      // An unsigned rounding that rounds up.
      [["SUB TOTAL 20.00", "GST 6% 1.23", "ROUNDING 0.02", "TOTAL 21.25"], 2125],
      // Tax the subtotal already holds, one digit from the sum or exactly the cash handed over.
      [["SUBTOTAL £12.00", "VAT 20% £2.00", "TOTAL £12.00"], 1200],
      [["SUBTOTAL 22.00", "TOTAL INCLUDES GST 2.00", "TOTAL 22.00", "EFTPOS 22.00"], 2200],
      [["SUBTOTAL 50.00", "VAT 20% 8.33", "TOTAL 50.00", "CASH 58.33"], 5000],
      // A second subtotal is no total; a label above its amount is no charge of that amount.
      [["SUBTOTAL 20.00", "DISCOUNT -2.00", "SUBTOTAL 18.00", "TAX 1.44", "TOTAL 19.44"], 1944],
      [["SUBTOTAL 10.00", "TAX", "TOTAL", "10.80"], 1080],
      // Paid partly by a voucher: cash less change is one digit from the total, and not it.
      [["TOTAL 47.10", "VOUCHER 10.00", "CASH 50.00", "CHANGE 12.90"], 4710],
    ];
    for (const [lines, total] of cases) {
      expect(
        receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy").totalMinor,
        lines.join(" / "),
      ).toBe(total);
    }
    // "EURO 50" is no amount of 50 cents, and a long run of rounding lines is no sum to grow.
    expect(
      receiptFields(["BAR ROMA", "23/03/2018", "CONTANTI EURO 50"], "dmy").totalMinor,
    ).toBeNull();
    const rounds = Array.from({ length: 40 }, (_, i) => `ROUND ${i} ${i + 1}.00`);
    expect(receiptFields(["SUB TOTAL 50.00", ...rounds, "TOTAL 50.00"], "dmy").totalMinor).toBe(
      5000,
    );
  });

  it("takes what was paid for a total label OCR lost only where the items add up to it", () => {
    const fields = (...lines: string[]) =>
      receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy");
    expect(fields("LOS RI 149.00", "PILO4 21.00", "Cash .", "RM 170. 00")).toMatchObject({
      totalMinor: 17000,
      totalLine: 5,
    });
    // Cash handed over is no total when the change line is lost and the items cost less.
    expect(fields("COFFEE 3.50", "CAKE 2.00", "CASH 10.00").totalMinor).toBeNull();
  });

  it("reads an amount whose point OCR took for a space after a currency, and the rounded total", () => {
    const fields = (lines: string[], ...others: string[][]) =>
      receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy", others);
    expect(
      fields([
        "Total Sales (Incl GST 6%) RM 64 13",
        "Rounding Adjustment RM O 02",
        "CASH RM 100.00",
      ]).totalMinor,
    ).toBe(6415);
    // A total the slip rounds is read as the rounded one in each pass that reads the rounding.
    const rounded = ["TOTAL RM 64.13", "ROUNDING RM 0.02"];
    expect(fields(rounded, ["TOTAL RM 64.13", "ROUNDING RM"], rounded).totalMinor).toBe(6415);
  });

  it("takes cash less change for a total its line prints with one digit misread", () => {
    const fields = (...lines: string[]) =>
      receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy");
    expect(fields("Total: Incl GST 6% RM E7.10", "CASH RM 50.00", "CHANGE RM 12.90")).toMatchObject(
      { totalMinor: 3710, totalLine: 3 },
    );
    // A mark before the printed total is no digit: "/18.00" stays 18.00 against cash of 718.00.
    expect(fields("TOTAL /18.00", "CASH 718.00", "CHANGE 0.00").totalMinor).toBe(1800);
  });

  it("keeps a printed total that a discount or a rounding takes below the subtotal", () => {
    const total = (...lines: string[]) =>
      receiptFields(["CORNER CAFE", "23/03/2018", ...lines], "dmy").totalMinor;
    const rounded = ["SUBTOTAL 60.31", "ROUNDING ADJ -0.01", "GRAND TOTAL 60.30"];
    expect(total(...rounded, "CASH 100.00", "CHANGE 39.20")).toBe(6030);
    const discounted = ["SUBTOTAL 50.00", "DISCOUNT -10.00", "GRAND TOTAL 40.00"];
    expect(total(...discounted, "CASH 100.00", "CHANGE 50.00")).toBe(4000);
  });

  it("infers the date order from dates only, not from sizes such as 1/45/32", () => {
    const lines = [
      "HARDWARE SDN BHD",
      "Date: 12/02/2018",
      'PUNCH SET - 1/45/32" 1/4"',
      "TOTAL 7.00",
    ];
    expect(receiptFields(lines, "dmy").date).toBe("2018-02-12");
  });

  it("reads the numeric date order of a locale", () => {
    expect(dateOrderOf("en-US")).toBe("mdy");
    expect(dateOrderOf("en-GB")).toBe("dmy");
    expect(dateOrderOf("de-DE")).toBe("dmy");
  });
});
