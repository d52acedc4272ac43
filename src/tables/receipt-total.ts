// A receipt's total from every reading of it a slip offers: its labelled totals, a total rounded by
// its rounding line, cash less change and the subtotal plus its charges, in every OCR pass.
import { DATE_TOKEN, amountAt, amountsOf, printsAmount } from "./receipt-amounts.js";

/**
 * The total's label, in the languages OCR reads most: English, German, Dutch, Italian, Spanish.
 * OCR often reads TOTAL's O as A or 0.
 */
export const TOTAL_WORDS =
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
export const HEADER =
  /^(TAX\s+INVOICE|INVOICE|RECEIPT|OFFICIAL\s+RECEIPT|CASH\s+(SALE|BILL)|WELCOME|SIMPLIFIED)/i;
/** Cash totals are rounded to this many minor units where the smallest coin is 5 cents. */
const CASH_ROUNDING = 5;

/** How sure a line is to carry the total: rounded and grand totals first, then any total. */
function totalRank(line: string): number {
  if (!TOTAL_WORDS.test(line) || NOT_TOTAL.test(line)) return 0;
  if (/ROUND/i.test(line)) return 3;
  if (/GRAND|NETT?\b|AMOUNT\s+(DUE|PAYABLE)|BALANCE\s+DUE|AFTER\s+ADJ/i.test(line)) return 2;
  return 1;
}

/** One reading of the total: its amount, the line it was read from, and how sure (totalRank). */
export interface TotalReading {
  minor: number;
  line: number;
  rank: number;
}

function pointlessAmount(lines: readonly string[], line: string): number | undefined {
  const m = POINTLESS_AMOUNT.exec(line.replace(new RegExp(DATE_TOKEN.source, "gi"), " "));
  if (!m || !lines.some((l) => amountsOf(l).length > 0)) return undefined;
  return Number(m[1]) * 100 + Number(m[2]);
}

function labelledTotals(lines: readonly string[]): TotalReading[] {
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
function roundedByAdjustment(lines: readonly string[], total: TotalReading): TotalReading | null {
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
function paidLessChange(lines: readonly string[]): TotalReading | null {
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

/** A subtotal before tax: "SUB TOTAL", "Total Sales (Excluding GST)". */
const BEFORE_CHARGES = /SUB\s*-?\s*TOTAL|TOTAL\s*(SALES?\s*)?\(?\s*EXCL/i;
/** What a slip adds to its subtotal or takes off it before the total. */
const CHARGE = /\b(GST|SST|VAT|TAX|SERVICE|SVC|CHARGE|DISC(OUNT)?|ROUND(ING)?)\b/i;
const DISCOUNT = /\bDISC(OUNT)?\b/i;
/** An amount printed with a minus: "-0.01", "- 0.01", not a dashed leader's last dash. */
const NEGATIVE = /(?<![-.])-\s?\d+[.,]\d{2}\s*$/;

/** How a charge's line counts: a discount or a minus takes off; an unsigned rounding may do either. */
function signsOf(line: string): number[] {
  if (NEGATIVE.test(line.trim()) || DISCOUNT.test(line)) return [-1];
  return ROUNDING.test(line) ? [-1, 1] : [1];
}

/**
 * The total as the slip's own sum: its subtotal plus the charges printed under it (tax, service,
 * less discounts, with its rounding), where the slip prints that sum below them — exactly, or with
 * one digit OCR misread (the total's large print is often what OCR reads worst). A sum no printed
 * amount confirms is no reading: a subtotal may already include the tax printed under it.
 */
function confirmedSum(lines: readonly string[]): TotalReading | null {
  const start = lines.findIndex((l) => BEFORE_CHARGES.test(l));
  const subtotal = start >= 0 ? amountAt(lines, start) : undefined;
  if (subtotal === undefined) return null;
  let sums = [subtotal];
  let end = start + 1;
  for (; end < lines.length && CHARGE.test(lines[end]!) && totalRank(lines[end]!) === 0; end++) {
    const amount = amountAt(lines, end);
    if (amount === undefined) return null; // a charge unread: the sum cannot be made
    const signs = signsOf(lines[end]!);
    sums = sums.flatMap((sum) => signs.map((sign) => sum + sign * amount));
  }
  if (end === start + 1) return null; // no charges: nothing to confirm the subtotal by
  for (const sum of sums.filter((m) => m > 0)) {
    for (let i = end; i < lines.length; i++) {
      if (printsAmount(lines[i]!, sum)) return { minor: sum, line: i + 1, rank: 2 };
      if (i < end + 3 && printsAmount(lines[i]!, sum, /./))
        return { minor: sum, line: i + 1, rank: 1 };
    }
  }
  return null;
}

/**
 * A total worked out (cash less change) that a total's line prints with one digit read as a
 * letter or another digit ("RM E7.10" for 37.10) is that total, read right: it stands as sure as
 * the label. Not so a mark before the amount ("TOTAL /18.00" is no 718.00).
 */
function printedAsTotal(lines: readonly string[], reading: TotalReading): TotalReading {
  const i = lines.findIndex(
    (l) => totalRank(l) > 0 && printsAmount(l, reading.minor, /[A-Za-z\d]/),
  );
  return i < 0 ? reading : { ...reading, line: i + 1, rank: totalRank(lines[i]!) };
}

/** Every reading of the total in one OCR pass: labelled (rounded where the slip rounds), cash less change, the sum. */
function totalReadings(lines: readonly string[]): {
  labelled: TotalReading[];
  all: TotalReading[];
} {
  const labelled = labelledTotals(lines);
  // Where the slip prints its rounding, the total before it is not what was paid.
  const all = labelled.map((total) => roundedByAdjustment(lines, total) ?? total);
  const cash = paidLessChange(lines);
  if (cash) all.push(printedAsTotal(lines, cash));
  const sum = confirmedSum(lines);
  if (sum) all.push(sum);
  return { labelled, all };
}

/**
 * The total: the amount the most of the slip's readings agree on — its labelled totals, a total
 * rounded by its rounding line, cash less change and the slip's own sum, in every OCR pass — each an independent
 * reading, so one digit misread by OCR is outvoted. Ties go to the surer label, then to a reading
 * not below the subtotal, then to the later line. The line cited is the first pass's (the text
 * indexed): where it reads that amount as a total, else its surest total label.
 */
export function findTotal(passes: readonly (readonly string[])[]): TotalReading | null {
  const perPass = passes.map(totalReadings);
  const readings = perPass.flatMap((p) => p.all);
  // Of readings otherwise alike, one below every reading of the subtotal is likely misread (only
  // likely: a discount or a rounding can take a total below it).
  const subtotals = passes.flat().flatMap((l) => (SUBTOTAL.test(l) ? amountsOf(l) : []));
  const belowSubtotal = (minor: number) =>
    subtotals.length > 0 && subtotals.every((s) => minor < s);
  const votes = (minor: number) => readings.filter((r) => r.minor === minor).length;
  // Most votes, then the surer label, then not below the subtotal; past that, the later reading.
  const standing = (r: TotalReading) => [votes(r.minor), r.rank, belowSubtotal(r.minor) ? 0 : 1];
  let best: TotalReading | null = null;
  for (const reading of readings) {
    if (!best || !outranks(standing(best), standing(reading))) best = reading;
  }
  if (!best) return null;
  const { labelled, all } = perPass[0]!;
  const minor = best.minor;
  const cited =
    labelled.find((r) => r.minor === minor) ??
    all.find((r) => r.minor === minor) ??
    labelled.reduce<TotalReading | undefined>((a, r) => (a && a.rank >= r.rank ? a : r), undefined);
  const labelLine = passes[0]!.findIndex((l) => totalRank(l) > 0) + 1;
  return { minor, rank: best.rank, line: cited?.line ?? (labelLine || 1) };
}

/** Whether standing `a` is above `b`, compared item by item. */
function outranks(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && a[i]! > b[i]!;
}
