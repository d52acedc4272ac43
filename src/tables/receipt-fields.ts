// What makes recognised text a receipt: a merchant, a date and a total, each found by rules any
// till slip follows (the name in capitals at the top, "TOTAL" beside or above its amount), with the
// line each came from for the citation. Text without a total and a date is not a receipt.
import { type DateOrder, inferDateOrder, parseDate } from "./parse-date.js";

export interface ReceiptFields {
  merchant: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** The total in minor units (cents), positive as printed. */
  totalMinor: number | null;
  /** ISO 4217, only when the receipt prints an unambiguous symbol or code. */
  currency: string | null;
  /** 1-based lines of the total and the date, for citations. */
  totalLine: number | null;
  dateLine: number | null;
}

/** 1,234.50 and 1.234,50 (each with its own thousands mark), or 1234.50 and 1234,50. */
const AMOUNT =
  /(?<![\d.,])(\d{1,3}(?:,\d{3})+(?=\.)|\d{1,3}(?:\.\d{3})+(?=,)|\d+)[.,](\d{2})(?![\d])/g;
const DATE_TOKEN =
  /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[ -](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ ,-]*\d{2,4})\b/i;
/** The total's label, in the languages OCR reads most: English, German, Dutch, Italian, Spanish. */
const TOTAL_WORDS =
  /\bTOTALE?\b|\bAMOUNT\s+(DUE|PAYABLE)\b|\bBALANCE\s+DUE\b|\bSUMME\b|\bGESAMT(BETRAG)?\b|\bZU\s+ZAHLEN\b|\bTOTAAL\b|\bIMPORTE\b/i;
const NOT_TOTAL =
  /ROUNDING|ADJ(USTMENT)?\b|SUB\s*-?\s*TOTAL|TOTAL\s*(QTY|QUANTITY|ITEMS?|DISC\w*|SAVING\w*|TAX|GST|SST|VAT|EXCL\w*|INCL\w*\s+GST)|(GST|SST|TAX|VAT|MWST|UST)\s*-?\s*(TOTAL|SUMME)|TOTAL\s+SALES?\s*\(?EXCL/i;
const HEADER =
  /^(TAX\s+INVOICE|INVOICE|RECEIPT|OFFICIAL\s+RECEIPT|CASH\s+(SALE|BILL)|WELCOME|SIMPLIFIED)/i;
/** What only a till slip prints: payment and change, a receipt or invoice heading, a cashier. */
const TILL_WORDS =
  /\b(CASH|CHANGE|CARD|VISA|MASTERCARD|PAID|TENDER\w*|RECEIPT|INVOICE|CASHIER|THANK\s+YOU|GST|VAT|SST|TAX)\b/i;
const CURRENCIES: readonly [RegExp, string][] = [
  [/€|\bEUR\b/, "EUR"],
  [/£|\bGBP\b/, "GBP"],
  [/\bRM\b|\bMYR\b/, "MYR"],
  [/\bUSD\b|US\$/, "USD"],
  [/\bSGD\b|S\$/, "SGD"],
  [/\bCHF\b/, "CHF"],
];

/** Money amounts on a line, outside any date on it (14.03.2026 is not 14.03). */
function amountsOf(line: string): number[] {
  const undated = line.replace(new RegExp(DATE_TOKEN.source, "gi"), " ");
  return [...undated.matchAll(AMOUNT)].map(
    (m) => Number(m[1]!.replace(/[.,]/g, "")) * 100 + Number(m[2]),
  );
}

/** How sure a line is to carry the total: rounded and grand totals first, then any total. */
function totalRank(line: string): number {
  if (!TOTAL_WORDS.test(line) || NOT_TOTAL.test(line)) return 0;
  if (/ROUND/i.test(line)) return 3;
  if (/GRAND|NETT?\b|AMOUNT\s+(DUE|PAYABLE)|BALANCE\s+DUE/i.test(line)) return 2;
  return 1;
}

function findTotal(lines: readonly string[]): { minor: number; line: number } | null {
  let best: { minor: number; line: number; rank: number } | null = null;
  lines.forEach((line, i) => {
    const rank = totalRank(line);
    if (rank === 0) return;
    // OCR often puts the amount on the line below its label.
    const own = amountsOf(line).at(-1);
    // Only from a line that holds nothing but the amount: a table's header "Total" above a row
    // of values is not a label above its figure.
    const alone = (l: string | undefined) =>
      l !== undefined && /^[^A-Za-z]*$/.test(l.replace(/\b(RM|EUR|GBP|USD|SGD|CHF)\b/gi, ""))
        ? amountsOf(l)[0]
        : undefined;
    const minor = own ?? alone(lines[i + 1]) ?? alone(lines[i + 2]);
    if (minor === undefined || minor === 0) return;
    if (!best || rank >= best.rank) best = { minor, line: i + 1, rank };
  });
  return best;
}

function findDate(
  lines: readonly string[],
  order: DateOrder,
): { iso: string; line: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const token = DATE_TOKEN.exec(lines[i]!)?.[1];
    if (!token) continue;
    const parsed = parseDate(token.replace(/\.(?=\d)/g, "/"), order, null);
    if (parsed) return { iso: parsed.iso, line: i + 1 };
  }
  return null;
}

/** The merchant: the first line near the top printed mostly in capitals that is not a heading. */
function findMerchant(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 6)) {
    const letters = line.replace(/[^A-Za-z]/g, "");
    if (letters.length < 3 || HEADER.test(line.trim())) continue;
    const upper = letters.replace(/[^A-Z]/g, "").length;
    if (upper / letters.length >= 0.6) return line.trim();
  }
  return null;
}

/** Numeric day/month order: from the receipt's own dates when they tell, else `fallback`. */
/** Whether text reads as a till slip: a printed currency or the words only receipts carry. */
export function looksLikeReceipt(lines: readonly string[], fields: ReceiptFields): boolean {
  return fields.currency !== null || lines.some((l) => TILL_WORDS.test(l));
}

export function receiptFields(lines: readonly string[], fallback: DateOrder): ReceiptFields {
  const tokens = lines.flatMap((l) => DATE_TOKEN.exec(l)?.[1] ?? []);
  const order = inferDateOrder(tokens.map((t) => t.replace(/[.-]/g, "/"))) ?? fallback;
  const total = findTotal(lines);
  const date = findDate(lines, order);
  const currency = CURRENCIES.find(([pattern]) => lines.some((l) => pattern.test(l)))?.[1] ?? null;
  return {
    merchant: findMerchant(lines),
    date: date?.iso ?? null,
    totalMinor: total?.minor ?? null,
    currency,
    totalLine: total?.line ?? null,
    dateLine: date?.line ?? null,
  };
}

/** The order a locale writes numeric dates in (en-US: month first; most others: day first). */
export function dateOrderOf(locale: string): DateOrder {
  const parts = new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric" })
    .formatToParts(new Date(Date.UTC(2001, 1, 3)))
    .filter((p) => p.type === "day" || p.type === "month");
  return parts[0]?.type === "month" ? "mdy" : "dmy";
}
