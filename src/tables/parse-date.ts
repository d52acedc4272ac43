// Reads dates as statements write them: ISO, US and European numeric forms, and month names
// (English, German, French, Spanish, Dutch, Italian), with or without a year.

/** Day-month or month-day, for numeric dates such as 03/04/2024; a column decides, not a value. */
export type DateOrder = "dmy" | "mdy";

export interface ParsedDate {
  /** YYYY-MM-DD */
  iso: string;
  /** The text had no year; it was taken from the reference date (see parseDate). */
  yearInferred: boolean;
}

const MONTH_NAMES: readonly (readonly string[])[] = [
  [
    "jan",
    "january",
    "januar",
    "jänner",
    "janvier",
    "janv",
    "enero",
    "ene",
    "januari",
    "gennaio",
    "gen",
  ],
  [
    "feb",
    "february",
    "februar",
    "février",
    "fevrier",
    "févr",
    "fevr",
    "febrero",
    "februari",
    "febbraio",
  ],
  ["mar", "march", "märz", "maerz", "mrz", "mars", "marzo", "maart", "mrt"],
  ["apr", "april", "avril", "avr", "abril", "abr", "aprile"],
  ["may", "mai", "mayo", "mei", "maggio", "mag"],
  ["jun", "june", "juni", "juin", "junio", "giugno", "giu"],
  ["jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug"],
  ["aug", "august", "août", "aout", "agosto", "ago", "augustus"],
  ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre", "set"],
  ["oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"],
  ["nov", "november", "novembre", "noviembre"],
  [
    "dec",
    "december",
    "dezember",
    "dez",
    "décembre",
    "decembre",
    "déc",
    "diciembre",
    "dic",
    "dicembre",
  ],
];
const MONTHS = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
const WEEKDAYS = new Set(
  "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday".split(
    " ",
  ),
);

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
/** "02/07": only read as a date in a column whose header says it holds dates (it could be a ratio). */
const NUMERIC_NO_YEAR = /^(\d{1,2})[/.](\d{1,2})\.?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A date without a year is the latest such date on or before the reference (a statement's file date). */
function withInferredYear(month: number, day: number, reference: Date): ParsedDate | null {
  let year = reference.getUTCFullYear();
  const refMonth = reference.getUTCMonth() + 1;
  if (month > refMonth || (month === refMonth && day > reference.getUTCDate())) year -= 1;
  if (month === 2 && day === 29) while (daysIn(year, 2) !== 29) year -= 1;
  const iso = isoOf(year, month, day);
  return iso ? { iso, yearInferred: true } : null;
}

function parseNamedMonth(text: string, reference: Date | null): ParsedDate | null {
  const tokens = text
    .toLowerCase()
    .split(/[\s,./-]+/)
    .filter((t) => t !== "" && !WEEKDAYS.has(t))
    .map((t) => t.replace(/^(\d{1,2})(st|nd|rd|th|er|e)$/, "$1"));
  const monthAt = tokens.findIndex((t) => MONTHS.has(t));
  if (monthAt < 0 || tokens.length < 2 || tokens.length > 3) return null;
  const month = MONTHS.get(tokens[monthAt]!)!;
  const numbers = tokens.filter((_, i) => i !== monthAt);
  if (!numbers.every((n) => /^\d{1,4}$/.test(n))) return null;
  let day: string | undefined;
  let year: string | undefined;
  if (numbers.length === 1) day = numbers[0];
  else if (monthAt === 1 && numbers[0]!.length === 4)
    [year, day] = numbers; // 2024 Mar 05
  else [day, year] = numbers; // 5 Mar 2024, Mar 5 2024, 05-Mar-24
  if (!day || day.length > 2 || (year !== undefined && year.length !== 2 && year.length !== 4))
    return null;
  if (year === undefined) return reference ? withInferredYear(month, Number(day), reference) : null;
  const iso = isoOf(fullYear(year), month, Number(day));
  return iso ? { iso, yearInferred: false } : null;
}

/**
 * Parses one date. Numeric day/month order comes from the column (see inferDateOrder); a date
 * without a year takes its year from `reference`, or is refused when there is none. `dateColumn`
 * allows numeric dates without a year ("02/07"), which elsewhere are more likely not dates.
 */
export function parseDate(
  raw: string,
  order: DateOrder,
  reference: Date | null,
  dateColumn = false,
): ParsedDate | null {
  const text = raw.trim();
  if (text.length < 3 || text.length > 40) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const value = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return value ? { iso: value, yearInferred: false } : null;
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [first, second] = [Number(numeric[1]), Number(numeric[3])];
    const [day, month] = order === "dmy" ? [first, second] : [second, first];
    const value = isoOf(fullYear(numeric[4]!), month, day);
    return value ? { iso: value, yearInferred: false } : null;
  }
  const short = dateColumn && reference ? NUMERIC_NO_YEAR.exec(text) : null;
  if (short) {
    const [first, second] = [Number(short[1]), Number(short[2])];
    const [day, month] = order === "dmy" ? [first, second] : [second, first];
    return month >= 1 && month <= 12 ? withInferredYear(month, day, reference!) : null;
  }
  return /[a-zà-ü]/i.test(text) ? parseNamedMonth(text, reference) : null;
}

/**
 * Decides a column's numeric date order from its values: a first number over 12 means day first,
 * a second over 12 month first. Returns null when every value could be read either way.
 */
export function inferDateOrder(values: readonly string[]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const value of values) {
    const numeric = NUMERIC.exec(value.trim()) ?? NUMERIC_NO_YEAR.exec(value.trim());
    if (!numeric) continue;
    const [first, second] = [Number(numeric[1]), Number(numeric[numeric.length > 3 ? 3 : 2])];
    // "1/45/32" (a size on a receipt, or OCR's misreading) is no date and tells nothing.
    if (first > 31 || second > 31 || (first > 12 && second > 12)) continue;
    if (first > 12) dmy++;
    else if (second > 12) mdy++;
  }
  if (dmy === mdy) return null;
  return dmy > mdy ? "dmy" : "mdy";
}
