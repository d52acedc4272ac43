// Tests: amounts and dates as banks write them, read into exact values.
import { describe, expect, it } from "vitest";
import { decimalToUnits, unitsToDecimal } from "../../src/tables/fixed-point.js";
import { inferDecimalMark, parseAmount } from "../../src/tables/parse-amount.js";
import { inferDateOrder, parseDate } from "../../src/tables/parse-date.js";

const units = (text: string, mark: "." | "," = ".") => parseAmount(text, mark)?.units ?? null;

describe("parseAmount", () => {
  it.each([
    ["$1,234.56", ".", 12_345_600],
    ["-$84.27", ".", -842_700],
    ["$-84.27", ".", -842_700],
    ["(45.00)", ".", -450_000],
    ["45.00-", ".", -450_000],
    ["12.50 CR", ".", 125_000],
    ["12.50DR", ".", -125_000],
    ["−7.5", ".", -75_000],
    ["1.234,56 €", ",", 12_345_600],
    ["-1 234,56", ",", -12_345_600],
    ["12'345.50", ".", 123_455_000],
    ["USD 12.00", ".", 120_000],
    ["0.125", ".", 1_250],
    ["0.00005", ".", 1],
  ] as const)("%s reads as %i units", (text, mark, expected) => {
    expect(units(text, mark)).toBe(expected);
  });

  it.each(["", "abc", "00123", "1,23", "+65 1234 5678", "12/10/2022", "DR", "1.2.3"])(
    "%j is not an amount",
    (text) => {
      expect(units(text)).toBeNull();
    },
  );

  it("names a currency only when the text does so unambiguously", () => {
    expect(parseAmount("€-12,50", ",")).toEqual({
      units: -125_000,
      currency: "EUR",
      hadCurrency: true,
    });
    expect(parseAmount("£6.45")?.currency).toBe("GBP");
    expect(parseAmount("S$3.20")?.currency).toBe("SGD");
    expect(parseAmount("$3.20")).toEqual({ units: 32_000, currency: null, hadCurrency: true });
  });

  it("decides a column's decimal mark from its unambiguous values", () => {
    expect(inferDecimalMark(["45,90", "1.023,45", "3"])).toBe(",");
    expect(inferDecimalMark(["1,234", "12.50"])).toBe(".");
    expect(inferDecimalMark(["1,234"])).toBe(".");
  });

  it("keeps sums exact where floats drift", () => {
    const parts = ["-84.27", "-61.33", "-15.01"];
    expect(parts.reduce((s, p) => s + Number(p), 0)).not.toBe(-160.61);
    expect(unitsToDecimal(parts.reduce((s, p) => s + decimalToUnits(p)!, 0))).toBe("-160.61");
  });
});

describe("parseDate", () => {
  const reference = new Date("2026-11-24T00:00:00Z");
  it.each([
    ["2022-10-17", "mdy", "2022-10-17"],
    ["2023-10-17T10:00:00Z", "mdy", "2023-10-17"],
    ["12/25/2023", "mdy", "2023-12-25"],
    ["03/04/2024", "mdy", "2024-03-04"],
    ["03/04/2024", "dmy", "2024-04-03"],
    ["25.12.2023", "dmy", "2023-12-25"],
    ["17-Oct-22", "dmy", "2022-10-17"],
    ["Oct 17, 2022", "mdy", "2022-10-17"],
    ["Mon, 3 Mar 2025", "dmy", "2025-03-03"],
    ["3. März 2024", "dmy", "2024-03-03"],
    ["1er janvier 2024", "dmy", "2024-01-01"],
    ["2024 Mar 05", "dmy", "2024-03-05"],
  ] as const)("%s (%s) is %s", (text, order, iso) => {
    expect(parseDate(text, order, reference)).toEqual({ iso, yearInferred: false });
  });

  it.each(["31/02/2023", "13/13/2023", "hello", "2023-02-30", "12"])("%j is not a date", (text) => {
    expect(parseDate(text, "dmy", reference)).toBeNull();
  });

  it("gives a date without a year the latest year that is not after the file's date", () => {
    expect(parseDate("17 OCT", "dmy", reference)).toEqual({
      iso: "2026-10-17",
      yearInferred: true,
    });
    expect(parseDate("Dec 25", "mdy", reference)).toEqual({
      iso: "2025-12-25",
      yearInferred: true,
    });
    expect(parseDate("17 OCT", "dmy", null)).toBeNull();
  });

  it("reads 02/07 as a date only in a date column", () => {
    expect(parseDate("02/07", "dmy", reference)).toBeNull();
    expect(parseDate("02/07", "dmy", reference, true)?.iso).toBe("2026-07-02");
  });

  it("decides day or month first from the values that can only be read one way", () => {
    expect(inferDateOrder(["02.01.2026", "13.01.2026"])).toBe("dmy");
    expect(inferDateOrder(["01/05/2026", "01/15/2026"])).toBe("mdy");
    expect(inferDateOrder(["01/05/2026", "02/03/2026"])).toBeNull();
    expect(inferDateOrder(["08/10", "23/10"])).toBe("dmy");
  });
});
