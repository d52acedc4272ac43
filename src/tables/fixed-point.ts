// Money as fixed-point integers: sums stay exact to the cent (and beyond), with no float drift.

/** Amounts and numbers are stored as integers in units of 1/SCALE: four decimals cover every currency. */
export const SCALE = 10_000;
const DECIMALS = 4;

/** Largest magnitude stored exactly (SQLite integers are 64-bit, JS numbers exact to 2^53). */
const MAX_UNITS = Number.MAX_SAFE_INTEGER;

/**
 * Converts a plain decimal string ("-1234.5", "0.125") to fixed-point units, rounding half away
 * from zero past four decimals. Returns null for anything else or for a value too large to be exact.
 */
export function decimalToUnits(decimal: string): number | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(decimal);
  if (!match || (match[2] === "" && !match[3])) return null;
  const [, sign, whole = "", fraction = ""] = match;
  let units = Number((whole || "0") + fraction.slice(0, DECIMALS).padEnd(DECIMALS, "0"));
  if ((fraction[DECIMALS] ?? "0") >= "5") units += 1;
  if (!Number.isSafeInteger(units) || units > MAX_UNITS) return null;
  return sign === "-" && units !== 0 ? -units : units;
}

/** Formats units as a decimal string with at least `minDecimals` decimals and no trailing zeros past them. */
export function unitsToDecimal(units: number, minDecimals = 2): string {
  const sign = units < 0 ? "-" : "";
  const digits = String(Math.abs(units)).padStart(DECIMALS + 1, "0");
  const whole = digits.slice(0, -DECIMALS);
  let fraction = digits.slice(-DECIMALS);
  while (fraction.length > minDecimals && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${sign}${whole}${fraction ? "." + fraction : ""}`;
}

/** The value as a JSON number: exact for display, because it is parsed from the exact decimal. */
export function unitsToNumber(units: number): number {
  return Number(unitsToDecimal(units, 0));
}
