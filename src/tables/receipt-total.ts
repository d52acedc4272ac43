// A receipt's total from every reading of it a slip offers: its labelled totals, a total rounded by
// its rounding line, cash less change and the subtotal plus its charges, in every OCR pass.
import {
  amountAt,
  amountsOf,
  printsAmount,
  repairedAmountOf,
  withoutDates,
} from "./receipt-amounts.js";

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
/** An amount printed with a minus: "-0.01", "- 0.01", not a dashed leader's last dash. */
const NEGATIVE = /(?<![-.])-\s?\d+[.,]\d{2}\s*$/;
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
  const m = POINTLESS_AMOUNT.exec(withoutDates(line));
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
    const repaired = pointlessAmount(lines, line) ?? repairedAmountOf(line);
    return repaired ? [{ minor: repaired, line: i + 1, rank: 0 }] : [];
  });
}

/** A total before cash rounding, rounded by the slip's own rounding line ("ROUNDING -0.01"). */
function roundedByAdjustment(lines: readonly string[], total: TotalReading): TotalReading | null {
  if (total.minor % CASH_ROUNDING === 0) return null;
  for (const line of lines) {
    if (!ROUNDING.test(line)) continue;
    const adjustment = amountsOf(line).at(-1) ?? repairedAmountOf(line);
    if (!adjustment || adjustment >= CASH_ROUNDING) continue;
    const options = NEGATIVE.test(line.trim()) ? [-adjustment] : [-adjustment, adjustment];
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
/** A tax the subtotal already holds ("GST INCLUDED", "TOTAL INCLUDES GST"): nothing to add. */
const INCLUDED = /\bINCL/i;
/** A slip prints a few charges under its subtotal; a longer run is something else. */
const MAX_CHARGES = 6;
/** The sum is looked for in this many lines under the charges, where the total stands. */
const SUM_PRINTED_WITHIN = 3;

const isCharge = (line: string) => CHARGE.test(line) && totalRank(line) === 0;

/**
 * The subtotal at `start` plus the charges printed under it, each an amount of its own line —
 * several sums where an unsigned rounding may go either way (those a slip that rounds can pay
 * first) — and the line after them; null when a charge is unread or already in the subtotal.
 */
function sumsFrom(
  lines: readonly string[],
  start: number,
): { subtotal: number; sums: number[]; end: number } | null {
  const subtotal = amountAt(lines, start);
  if (subtotal === undefined) return null;
  let sums = [subtotal];
  let end = start + 1;
  for (; end < lines.length && isCharge(lines[end]!); end++) {
    const line = lines[end]!;
    const own = new Set(amountsOf(line));
    if (end > start + MAX_CHARGES || INCLUDED.test(line) || own.size !== 1) return null;
    const amount = [...own][0]!;
    if (NEGATIVE.test(line.trim()) || DISCOUNT.test(line)) sums = sums.map((s) => s - amount);
    else if (!ROUNDING.test(line)) sums = sums.map((s) => s + amount);
    else {
      const either = sums.flatMap((s) => [s - amount, s + amount]);
      const paid = either.filter((s) => s % CASH_ROUNDING === 0);
      sums = [...new Set(paid.length > 0 ? paid : either)];
    }
  }
  return end === start + 1 ? null : { subtotal, sums: sums.filter((s) => s > 0), end };
}

/**
 * The total as the slip's own sum: its subtotal plus the charges printed under it (tax, service,
 * less discounts, with its rounding), where one of the few lines below them prints that sum —
 * exactly, or with one digit OCR read as a mark or a letter (the total's large print is often what
 * OCR reads worst: "(UTAL 343.9%"). A sum no printed amount confirms is no reading: a subtotal may
 * already hold the tax printed under it, and a total printed under the charges that reads another
 * amount, not below the subtotal, stands. Nor is a total line that already reads as the sum given
 * a second vote by it: a tip or a coupon after that total must still be able to follow.
 */
function confirmedSum(
  lines: readonly string[],
  labelled: readonly TotalReading[],
): TotalReading | null {
  for (let start = 0; start < lines.length; start++) {
    const made = BEFORE_CHARGES.test(lines[start]!) ? sumsFrom(lines, start) : null;
    if (!made) continue;
    const last = Math.min(lines.length, made.end + SUM_PRINTED_WITHIN);
    for (let i = made.end; i < last; i++) {
      const line = lines[i]!;
      if (BEFORE_CHARGES.test(line)) break;
      const exact = made.sums.find((sum) => printsAmount(line, sum));
      const printed = labelled.filter((r) => r.line === i + 1);
      // A total line that reads as the sum needs no second vote; one that reads another amount,
      // not below the subtotal, is the slip's own word (its tax was in the subtotal).
      if (printed.some((r) => r.minor === exact || r.minor >= made.subtotal)) return null;
      if (exact !== undefined) return { minor: exact, line: i + 1, rank: 1 };
      const repaired = made.sums.find((sum) => printsAmount(line, sum, /./));
      if (repaired !== undefined) return { minor: repaired, line: i + 1, rank: 0 };
    }
  }
  return null;
}

/**
 * What was handed over, where the items add up to it: a payment line's amount that the item lines
 * above it sum to exactly (the last amount of each) — what a slip whose total line OCR lost, and
 * that prints no subtotal, still tells.
 */
function paidForItems(lines: readonly string[]): TotalReading | null {
  let items = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (TENDERED.test(line) && !HEADER.test(line)) {
      const paid = amountAt(lines, i);
      if (paid && paid === items) return { minor: paid, line: i + 1, rank: 0 };
    }
    if (!TOTAL_WORDS.test(line) && !BEFORE_CHARGES.test(line) && !CHARGE.test(line))
      items += amountsOf(line).at(-1) ?? 0;
  }
  return null;
}

/**
 * A total worked out (cash less change) that a total's line prints with one digit read as a
 * letter ("RM E7.10" for 37.10) is that total, read right: it stands as sure as the label. Not so a
 * mark before the amount ("TOTAL /18.00" is no 718.00), nor another digit (47.10 paid partly by a
 * voucher is no 37.10).
 */
function printedAsTotal(lines: readonly string[], reading: TotalReading): TotalReading {
  const i = lines.findIndex((l) => totalRank(l) > 0 && printsAmount(l, reading.minor, /[A-Za-z]/));
  return i < 0 ? reading : { ...reading, line: i + 1, rank: totalRank(lines[i]!) };
}

/** Every reading of the total in one pass: labelled (rounded where it rounds), cash less change, sums. */
function totalReadings(lines: readonly string[]): {
  labelled: TotalReading[];
  all: TotalReading[];
} {
  const labelled = labelledTotals(lines);
  // Where the slip prints its rounding, the total before it is not what was paid.
  const all = labelled.map((total) => roundedByAdjustment(lines, total) ?? total);
  const cash = paidLessChange(lines);
  if (cash) all.push(printedAsTotal(lines, cash));
  const sum = confirmedSum(lines, labelled) ?? paidForItems(lines);
  if (sum) all.push(sum);
  return { labelled, all };
}

/**
 * The total: the amount the most of the slip's readings agree on — its labelled totals, a total
 * rounded by its rounding line, cash less change and the slip's own sum, in every OCR pass — each an independent
 * reading, so one digit misread by OCR is outvoted. Ties go to the surer label, then to a reading
 * not below the subtotal, then to the later line. The line cited is the first pass's (whose
 * numbering the text indexed keeps): where it reads that amount as a total, else its surest label.
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
  // Most votes, then the surer label, then not below the subtotal, then the later line (a total
  // after a tip or a coupon); past that, the later pass.
  const standing = (r: TotalReading) => [
    votes(r.minor),
    r.rank,
    belowSubtotal(r.minor) ? 0 : 1,
    r.line,
  ];
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
