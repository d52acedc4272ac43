// Money amounts as OCR reads them off a till slip: with thousands marks, decimal commas, a point
// read as a space, and a digit misread as another character; dates on a line are no amounts.

/**
 * 1,234.50 and 1.234,50 (each with its own thousands mark), or 1234.50 and 1234,50; OCR's "12. 50"
 * (a space read after the point) too.
 */
const AMOUNT =
  /(?<![\d.,])(\d{1,3}(?:,\d{3})+(?=\.)|\d{1,3}(?:\.\d{3})+(?=,)|\d+)(?:[.,]|\. )(\d{2})(?![\d])/g;
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
export const DATE_TOKEN = new RegExp(
  String.raw`\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[ -]?${MONTH}[ ,-]*\d{2,4}|${MONTH}\.? \d{1,2},? \d{4})\b`,
  "i",
);

/**
 * "RM 64 13" or "RM O 02" at the end of a line: an amount after a currency whose point OCR read as a
 * space (and a 0 as O or Q). Only after a currency: elsewhere two numbers may be a quantity and
 * a code.
 */
const CURRENCY_POINTLESS =
  /(?:\b(?:RM|EUR|GBP|USD|SGD|CHF)\b|[€£$])\s?(\d{1,5}|[OQ]{1,2}) (\d{2})\s*$/i;

const DATES = new RegExp(DATE_TOKEN.source, "gi");

/** A line with its dates blanked out: 14.03.2026 holds no amount of 14.03. */
export function withoutDates(line: string): string {
  return line.replace(DATES, " ");
}

/** Money amounts on a line, outside any date on it. */
export function amountsOf(line: string): number[] {
  return [...withoutDates(line).matchAll(AMOUNT)].map(
    (m) => Number(m[1]!.replace(/[.,]/g, "")) * 100 + Number(m[2]),
  );
}

/** The amount after a currency that a line without any other ends in, its point read as a space. */
export function repairedAmountOf(line: string): number | undefined {
  if (amountsOf(line).length > 0) return undefined;
  const m = CURRENCY_POINTLESS.exec(withoutDates(line));
  return m ? Number(m[1]!.replace(/[OQ]/gi, "0")) * 100 + Number(m[2]) : undefined;
}

/** The one amount a line or the line below it (when it holds nothing else) carries. */
export function amountAt(lines: readonly string[], i: number): number | undefined {
  const own = new Set(amountsOf(lines[i]!));
  // Two different amounts beside a label are a table's row (a tax summary's net and tax).
  if (own.size > 1) return undefined;
  if (own.size === 1) return [...own][0];
  // OCR often puts the amount on the line below its label, but only from a line that holds
  // nothing but the amount: a table's header "Total" above a row of values is no label.
  const alone = (l: string | undefined) =>
    l !== undefined && /^[^A-Za-z]*$/.test(l.replace(/\b(RM|EUR|GBP|USD|SGD|CHF)\b/gi, ""))
      ? amountsOf(l)[0]
      : undefined;
  return alone(lines[i + 1]) ?? alone(lines[i + 2]);
}

/** Cents of a total that a one-character OCR misreading may be matched against (not 1.50). */
const MIN_REPAIRED = 1000;

/**
 * Whether `line` prints `minor` as an amount, not inside a longer number; with `misreadAs`, one of
 * its digits may have been read as a character that matches it ("343.9%" for 343.95). A digit
 * read as another digit is never matched: that is a different amount as often as a misread one.
 */
export function printsAmount(line: string, minor: number, misreadAs?: RegExp): boolean {
  if (amountsOf(line).includes(minor)) return true;
  if (!misreadAs || minor < MIN_REPAIRED) return false;
  const printed = (minor / 100).toFixed(2);
  const point = printed.length - 3;
  for (let p = 0; p + printed.length <= line.length; p++) {
    if (/[\d.,]/.test(line[p - 1] ?? "") || /\d/.test(line[p + printed.length] ?? "")) continue;
    const window = line.slice(p, p + printed.length);
    if (!/[.,]/.test(window[point]!)) continue;
    const wrong = [...window].filter((c, k) => k !== point && c !== printed[k]);
    if (wrong.length === 1 && !/[\d\s]/.test(wrong[0]!) && misreadAs.test(wrong[0]!)) return true;
  }
  return false;
}
