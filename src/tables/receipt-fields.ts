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

/**
 * 1,234.50 and 1.234,50 (each with its own thousands mark), or 1234.50 and 1234,50; OCR's "12. 50"
 * (a space read after the point) too.
 */
const AMOUNT =
  /(?<![\d.,])(\d{1,3}(?:,\d{3})+(?=\.)|\d{1,3}(?:\.\d{3})+(?=,)|\d+)(?:[.,]|\. )(\d{2})(?![\d])/g;
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
const DATE_TOKEN = new RegExp(
  String.raw`\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[ -]?${MONTH}[ ,-]*\d{2,4}|${MONTH}\.? \d{1,2},? \d{4})\b`,
  "i",
);
/**
 * The total's label, in the languages OCR reads most: English, German, Dutch, Italian, Spanish.
 * OCR often reads TOTAL's O as A or 0.
 */
const TOTAL_WORDS =
  /\bT[O0A]TALE?\b|\bAMOUNT\s+(DUE|PAYABLE)\b|\bBALANCE\s+DUE\b|\bSUMME\b|\bGESAMT(BETRAG)?\b|\bZU\s+ZAHLEN\b|\bTOTAAL\b|\bIMPORTE\b/i;
const NOT_TOTAL =
  /ROUNDING|(?<!AFTER\s)ADJ(USTMENT)?\b|SUB\s*-?\s*TOTAL|\b(POINTS?|PTS|PCS)\s*TOTAL|TOTAL\s*(POINTS?|PTS|PCS|QTY|QUANTITY|ITEMS?|DISC\w*|SAVING\w*|TAX|GST|SST|VAT|EXCL\w*|INCL\w*\s+GST)|TOTAL\s*\(\s*(QTY|QUANTITY|ITEMS?|EXCL\w*)|(GST|SST|TAX|VAT|MWST|UST)\s*-?\s*(TOTAL|SUMME)|TOTAL\s+SALES?\s*\(?EXCL/i;
const SUBTOTAL = /SUB\s*-?\s*TOTAL/i;
/**
 * "GRAND TOTAL 1000" or "TOTAL: RM 10 00": OCR lost the point of the amount right after the label.
 * Read as cents only on a slip whose other amounts print theirs (a yen slip's "TOTAL 1500" stays no
 * amount), and only when nothing else stands between the label and the number.
 */
const POINTLESS_AMOUNT =
  /(?:\bT[O0A]TALE?|\bDUE|\bPAYABLE|\bSUMME|\bZAHLEN|\bTOTAAL|\bIMPORTE)\s*[:=]?\s*(?:RM|EUR|GBP|USD|SGD|CHF|[€£$])?\s*(\d{1,5}) ?(\d{2})[^\w]*$/i;
const ROUNDING = /\bROUND(ING)?\b(?!.*\bTOTAL)|\bRUNDUNG\b/i;
/** What was handed over, and what came back: their difference is what the purchase cost. */
const TENDERED =
  /^(CASH|TENDER\w*|AMOUNT\s+TENDERED|PAID|PAYMENT|CASH\s+(RECEIVED|TENDERED|PAID)|BAR|GEGEBEN)\b/i;
const CHANGE = /\b(CHANGE(\s+DUE)?|R[UÜ]CKGELD|WISSELGELD)\b/i;
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
/** Cash totals are rounded to this many minor units where the smallest coin is 5 cents. */
const CASH_ROUNDING = 5;

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
  if (/GRAND|NETT?\b|AMOUNT\s+(DUE|PAYABLE)|BALANCE\s+DUE|AFTER\s+ADJ/i.test(line)) return 2;
  return 1;
}

interface Candidate {
  minor: number;
  line: number;
  rank: number;
}

/** The one amount a line or the line below it (when it holds nothing else) carries. */
function amountAt(lines: readonly string[], i: number): number | undefined {
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

function pointlessAmount(lines: readonly string[], line: string): number | undefined {
  const m = POINTLESS_AMOUNT.exec(line.replace(new RegExp(DATE_TOKEN.source, "gi"), " "));
  if (!m || !lines.some((l) => amountsOf(l).length > 0)) return undefined;
  return Number(m[1]) * 100 + Number(m[2]);
}

function labelledTotals(lines: readonly string[]): Candidate[] {
  return lines.flatMap((line, i) => {
    const rank = totalRank(line);
    if (rank === 0) return [];
    const printed = amountAt(lines, i);
    if (printed !== undefined) return printed === 0 ? [] : [{ minor: printed, line: i + 1, rank }];
    // A reading repaired from OCR's damage is less sure than any printed total.
    const repaired = pointlessAmount(lines, line);
    return repaired ? [{ minor: repaired, line: i + 1, rank: 0 }] : [];
  });
}

/** A total before cash rounding, rounded by the slip's own rounding line ("ROUNDING -0.01"). */
function roundedByAdjustment(lines: readonly string[], total: Candidate): Candidate | null {
  if (total.minor % CASH_ROUNDING === 0) return null;
  for (const line of lines) {
    if (!ROUNDING.test(line)) continue;
    const adjustment = amountsOf(line).at(-1);
    if (!adjustment || adjustment >= CASH_ROUNDING) continue;
    // "-0.01" or "- 0.01", but not the end of a dotted or dashed leader ("ROUNDING ----- 0.02").
    const negative = /(?<![-.])-\s?\d+[.,]\d{2}\s*$/.test(line.trim());
    const options = negative ? [-adjustment] : [-adjustment, adjustment];
    const rounded = options
      .map((a) => total.minor + a)
      .find((m) => m % CASH_ROUNDING === 0 && m > 0);
    if (rounded !== undefined) return { ...total, minor: rounded };
  }
  return null;
}

/** Cash handed over less the change given back, from a CASH line and the CHANGE line after it. */
function paidLessChange(lines: readonly string[]): Candidate | null {
  for (let i = 0; i < lines.length; i++) {
    if (!TENDERED.test(lines[i]!) || HEADER.test(lines[i]!)) continue;
    const paid = amountAt(lines, i);
    if (!paid) continue;
    for (let j = i + 1; j <= i + 3 && j < lines.length; j++) {
      if (!CHANGE.test(lines[j]!)) continue;
      const change = amountAt(lines, j);
      if (change !== undefined && change < paid)
        return { minor: paid - change, line: i + 1, rank: 0 };
    }
  }
  return null;
}

/** Every reading of the total in one OCR pass: its labelled totals, rounded ones, cash less change. */
function totalReadings(lines: readonly string[]): { labelled: Candidate[]; all: Candidate[] } {
  const labelled = labelledTotals(lines);
  const all = [...labelled];
  for (const total of labelled) {
    const rounded = roundedByAdjustment(lines, total);
    if (rounded) all.push(rounded);
  }
  const cash = paidLessChange(lines);
  if (cash) all.push(cash);
  return { labelled, all };
}

/**
 * The total: the amount the most of the slip's readings agree on — its labelled totals, a total
 * rounded by its rounding line, and cash less change, in every OCR pass — each an independent
 * reading, so one digit misread by OCR is outvoted. Ties go to the surer label, then to a reading
 * not below the subtotal, then to the later line. The line cited is the first pass's (the text
 * indexed): where it reads that amount as a total, else its surest total label.
 */
function findTotal(passes: readonly (readonly string[])[]): Candidate | null {
  const perPass = passes.map(totalReadings);
  const readings = perPass.flatMap((p) => p.all);
  // Of readings otherwise alike, one below every reading of the subtotal is likely misread (only
  // likely: a discount or a rounding can take a total below it).
  const subtotals = passes.flat().flatMap((l) => (SUBTOTAL.test(l) ? amountsOf(l) : []));
  const belowSubtotal = (minor: number) =>
    subtotals.length > 0 && subtotals.every((s) => minor < s);
  const votes = (minor: number) => readings.filter((r) => r.minor === minor).length;
  // Most votes, then the surer label, then not below the subtotal; past that, the later reading.
  const standing = (r: Candidate) => [votes(r.minor), r.rank, belowSubtotal(r.minor) ? 0 : 1];
  let best: Candidate | null = null;
  for (const reading of readings) {
    if (!best || !outranks(standing(best), standing(reading))) best = reading;
  }
  if (!best) return null;
  const { labelled, all } = perPass[0]!;
  const minor = best.minor;
  const cited =
    labelled.find((r) => r.minor === minor) ??
    all.find((r) => r.minor === minor) ??
    labelled.reduce<Candidate | undefined>((a, r) => (a && a.rank >= r.rank ? a : r), undefined);
  const labelLine = passes[0]!.findIndex((l) => totalRank(l) > 0) + 1;
  return { minor, rank: best.rank, line: cited?.line ?? (labelLine || 1) };
}

/** Whether standing `a` is above `b`, compared item by item. */
function outranks(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && a[i]! > b[i]!;
}

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
 * The fields of a receipt from its recognised `lines` (the text indexed, whose lines are cited)
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
