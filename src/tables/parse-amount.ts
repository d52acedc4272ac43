// Reads amounts as banks write them: currency signs and codes, thousands separators, decimal commas,
// parentheses, trailing minus and CR/DR — into exact fixed-point units.
import { decimalToUnits } from "./fixed-point.js";

export type DecimalMark = "." | ",";

export interface ParsedAmount {
  units: number;
  /** ISO 4217 code when the text names one unambiguously ("€", "EUR", "S$"); "$" alone names none. */
  currency: string | null;
  /** True when the text carried a currency sign or code at all, "$" included. */
  hadCurrency: boolean;
}

const SYMBOLS: readonly (readonly [string, string | null])[] = [
  ["US$", "USD"],
  ["S$", "SGD"],
  ["A$", "AUD"],
  ["C$", "CAD"],
  ["NZ$", "NZD"],
  ["HK$", "HKD"],
  ["R$", "BRL"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["₹", "INR"],
  ["₩", "KRW"],
  ["₪", "ILS"],
  ["₫", "VND"],
  ["₱", "PHP"],
  ["₽", "RUB"],
  ["₺", "TRY"],
  ["¥", null],
  ["$", null],
];

const CODE = /^(?:[A-Z]{3})(?=[\s\d(+-]|$)|(?<=[\s\d)])[A-Z]{3}$/;

function stripCurrency(text: string): { rest: string; currency: string | null; had: boolean } {
  for (const [symbol, code] of SYMBOLS) {
    if (text.startsWith(symbol))
      return { rest: text.slice(symbol.length).trim(), currency: code, had: true };
    if (text.endsWith(symbol))
      return { rest: text.slice(0, -symbol.length).trim(), currency: code, had: true };
  }
  const code = CODE.exec(text);
  if (code && code[0] !== "CR" && code[0] !== "DR") {
    const rest = code.index === 0 ? text.slice(3) : text.slice(0, code.index);
    return { rest: rest.trim(), currency: code[0], had: true };
  }
  return { rest: text, currency: null, had: false };
}

/** Removes sign markers, returning the bare number text and whether it was negative. */
function stripSign(text: string): { rest: string; negative: boolean } | null {
  let rest = text;
  let negative = false;
  const flip = (): void => {
    negative = !negative;
  };
  const suffix = /\s*(?<![A-Za-z])(CR|DR)$/i.exec(rest);
  if (suffix) {
    if (suffix[1]!.toUpperCase() === "DR") flip();
    rest = rest.slice(0, suffix.index);
  }
  if (rest.startsWith("(") && rest.endsWith(")")) {
    flip();
    rest = rest.slice(1, -1).trim();
  }
  if (/^[-−–]/.test(rest)) {
    flip();
    rest = rest.slice(1).trim();
  } else if (rest.startsWith("+")) {
    rest = rest.slice(1).trim();
  } else if (/[-−–]$/.test(rest)) {
    flip();
    rest = rest.slice(0, -1).trim();
  }
  return rest === "" ? null : { rest, negative };
}

/** Digits grouped in threes after the first group: "1,234,567" but not "1,23" or "12,3456". */
function groupedInThrees(whole: string, separator: string): boolean {
  if (!whole.includes(separator)) return true;
  const groups = whole.split(separator);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

function toPlainDecimal(number: string, mark: DecimalMark): string | null {
  if (!/^[\d.,' ]+$/.test(number) || !/\d/.test(number)) return null;
  const other = mark === "." ? "," : ".";
  const cut = number.lastIndexOf(mark);
  const whole = cut < 0 ? number : number.slice(0, cut);
  const fraction = cut < 0 ? "" : number.slice(cut + 1);
  if (!/^\d*$/.test(fraction) || (cut >= 0 && fraction === "") || whole.includes(mark)) return null;
  const separators = [other, "'", " "].filter((s) => whole.includes(s));
  if (separators.length > 1 || !groupedInThrees(whole, separators[0] ?? other)) return null;
  const digits = whole.replace(/[.,' ]/g, "");
  if (!/^\d*$/.test(digits)) return null;
  // Leading zeros mark an identifier (account or reference numbers), not an amount.
  if (digits.length > 1 && digits.startsWith("0")) return null;
  return `${digits || "0"}${fraction ? "." + fraction : ""}`;
}

/** Parses one amount under a column's decimal mark; null when the text is not an amount. */
export function parseAmount(raw: string, mark: DecimalMark = "."): ParsedAmount | null {
  const text = raw.replace(/[\u00a0\u2007\u202f]/g, " ").trim();
  if (text === "") return null;
  const signed = stripSign(text);
  if (!signed) return null;
  const money = stripCurrency(signed.rest);
  // The sign may also sit between the currency and the digits: "€-12,50", "$ (4.00)".
  const inner = money.had ? stripSign(money.rest) : { rest: money.rest, negative: false };
  if (!inner) return null;
  const decimal = toPlainDecimal(inner.rest, mark);
  if (decimal === null) return null;
  const units = decimalToUnits(decimal);
  if (units === null) return null;
  const negative = signed.negative !== inner.negative;
  return { units: negative ? -units : units, currency: money.currency, hadCurrency: money.had };
}

/**
 * Decides a column's decimal mark from its values: "1.234,56" and "12,50" say comma, "12.50" and
 * "1,234.56" say point; "1,234" alone says nothing. Ties go to the point.
 */
export function inferDecimalMark(values: readonly string[]): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const value of values) {
    const lastComma = value.lastIndexOf(",");
    const lastPoint = value.lastIndexOf(".");
    if (lastComma >= 0 && lastPoint >= 0) {
      if (lastComma > lastPoint) comma++;
      else point++;
    } else if (/,\d{1,2}(?!\d)/.test(value)) comma++;
    else if (/\.\d{1,2}(?!\d)/.test(value) || /\.\d{4,}/.test(value)) point++;
    else if (/,\d{4,}/.test(value)) comma++;
  }
  return comma > point ? "," : ".";
}
