// What makes recognised text a receipt: a merchant, a date and a total, each found by rules any
// till slip follows (the name in capitals at the top, "TOTAL" beside or above its amount), with the
// line each came from for the citation. Text without a total and a date is not a receipt.
import { type DateOrder, inferDateOrder, parseDate } from "./parse-date.js";
import { DATE_TOKEN } from "./receipt-amounts.js";
import { HEADER, TOTAL_WORDS, findTotal } from "./receipt-total.js";

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

/** A receipt's date is no earlier than 1970 and no later than next year (OCR misreads digits). */
function plausible(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= 1970 && year <= new Date().getUTCFullYear() + 1;
}

function datesOf(lines: readonly string[], order: DateOrder): { iso: string; line: number }[] {
  return lines.flatMap((text, i) => {
    const token = DATE_TOKEN.exec(text)?.[1];
    if (!token) return [];
    // "14.03.2026" as 14/03/2026; "12Mar 2018" (OCR loses the space) as 12 Mar 2018.
    const spelled = token.replace(/\.(?=\d)/g, "/").replace(/(\d)(?=[a-z])/i, "$1 ");
    const parsed = parseDate(spelled, order, null);
    return parsed && plausible(parsed.iso) ? [{ iso: parsed.iso, line: i + 1 }] : [];
  });
}

/** The date most readings agree on (a slip prints it twice, or two passes read it), else the first. */
function findDate(
  passes: readonly (readonly string[])[],
  order: DateOrder,
): { iso: string; line: number | null } | null {
  const readings = passes.map((lines) => datesOf(lines, order));
  const all = readings.flat();
  let best: { iso: string; votes: number } | null = null;
  for (const { iso } of all) {
    const votes = all.filter((d) => d.iso === iso).length;
    if (!best || votes > best.votes) best = { iso, votes };
  }
  if (!best) return null;
  return { iso: best.iso, line: readings[0]!.find((d) => d.iso === best.iso)?.line ?? null };
}

/** A company's legal form, which names a business in any case: Sdn Bhd, Ltd, GmbH, B.V., Inc. */
const LEGAL_FORM =
  /\b(SDN\.?\s*BHD|BHD|LTD|LIMITED|PLC|LLC|INC|CORP|GMBH|AG|KG|S\.?A\.?S?|S\.?R\.?L|S\.?P\.?A|B\.?V|N\.?V|PTY|PTE|ENTERPRISE|TRADING)\b\.?/i;

/** A line that names no one: an address, a registration number, a code such as "HD205D". */
function namesNoOne(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /[A-Za-z]{2}/.test(w));
  if (words.length === 0) return true;
  if (/^(NO\b|LOT\b|\d+[,/])/i.test(line)) return true;
  return words.every((w) => /\d/.test(w));
}

/**
 * The merchant, from the lines near the top: one with a company's legal form first, else the
 * first printed mostly in capitals that is not a heading, an address or a code.
 */
function findMerchant(lines: readonly string[]): string | null {
  const top = lines
    .slice(0, 8)
    .map((l) => l.trim())
    .filter((l) => l.replace(/[^A-Za-z]/g, "").length >= 3 && !HEADER.test(l) && !namesNoOne(l));
  // A line that is only a legal form ("BHD") is the end of a name wrapped from the line above.
  const legal = top
    .slice(0, 5)
    .find((l) => LEGAL_FORM.test(l) && /[A-Za-z]{2}/.test(l.replace(LEGAL_FORM, "")));
  const name =
    legal ??
    top.slice(0, 5).find((line) => {
      const letters = line.replace(/[^A-Za-z]/g, "");
      return letters.replace(/[^A-Z]/g, "").length / letters.length >= 0.6;
    });
  if (name === undefined) return null;
  // "HOME MASTER HARDWARE &" goes on in the next line.
  const next = top[top.indexOf(name) + 1];
  return /[&-]$/.test(name) && next ? `${name} ${next}` : name;
}

/** What a bill asks for (money not paid yet), and what shows money handed over at a till. */
const BILL_WORDS =
  /\b(DUE\s+DATE|PAYMENT\s+DUE|DUE\s+BY|DIRECT\s+DEBIT|PLEASE\s+PAY|PAY\s+BY|STATEMENT\s+DATE|BILLING\s+PERIOD|ACCOUNT\s+(NO|NUMBER))\b/i;
const TENDER_WORDS = /\b(CASH|CHANGE|TENDER\w*|VISA|MASTERCARD|AMEX|CONTACTLESS)\b/i;

/**
 * A bill or a statement (a due date, a direct debit, an account number) with nothing handed over
 * at a till: its payment reaches the bank later than a receipt's 3 days, so it is no purchase of
 * its own.
 */
export function looksLikeBill(lines: readonly string[]): boolean {
  return lines.some((l) => BILL_WORDS.test(l)) && !lines.some((l) => TENDER_WORDS.test(l));
}

/** Whether recognised text could be a till slip: a total's label, or words only receipts carry. */
export function mayBeReceipt(lines: readonly string[]): boolean {
  return lines.some((l) => TILL_WORDS.test(l) || TOTAL_WORDS.test(l));
}

/** Whether text reads as a till slip: a printed currency or the words only receipts carry. */
export function looksLikeReceipt(lines: readonly string[], fields: ReceiptFields): boolean {
  return fields.currency !== null || lines.some((l) => TILL_WORDS.test(l));
}

/**
 * The fields of a receipt from its recognised `lines` (the pass whose line numbers are cited)
 * and any `otherPasses`: the same slip recognised again (enlarged, say), whose readings vote.
 */
export function receiptFields(
  lines: readonly string[],
  fallback: DateOrder,
  otherPasses: readonly (readonly string[])[] = [],
): ReceiptFields {
  const passes = [lines, ...otherPasses];
  const tokens = passes.flat().flatMap((l) => DATE_TOKEN.exec(l)?.[1] ?? []);
  const order = inferDateOrder(tokens.map((t) => t.replace(/[.-]/g, "/"))) ?? fallback;
  const total = findTotal(passes);
  const date = findDate(passes, order);
  const currency =
    CURRENCIES.find(([pattern]) => passes.flat().some((l) => pattern.test(l)))?.[1] ?? null;
  return {
    merchant: passes.reduce<string | null>((found, p) => found ?? findMerchant(p), null),
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

/** The numeric date order of this machine's locale, for receipts that do not tell. */
export function machineDateOrder(): DateOrder {
  return dateOrderOf(Intl.DateTimeFormat().resolvedOptions().locale);
}
