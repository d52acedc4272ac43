// Infers each column's type from its values and converts the cells: dates to ISO, amounts to fixed point.
import { type DecimalMark, inferDecimalMark, parseAmount } from "./parse-amount.js";
import { type DateOrder, inferDateOrder, parseDate } from "./parse-date.js";
import type { Cell, ColumnType } from "./types.js";

/** A column is typed when this share of its non-empty values parse; the rest stay as text. */
const TYPED_SHARE = 0.8;

const MONEY_HEADER =
  /amount|amt|debit|credit|balance|withdraw|deposit|paid|money|payment|price|cost|fee|total|sum|betrag|soll|haben|saldo|montant|solde|d[ée]bit|cr[ée]dit|importe|cargo|abono|bedrag|valeur|value/i;

export interface TypingOptions {
  /** "auto" reads the order off the column, falling back to day first when amounts use decimal commas. */
  dateOrder: DateOrder | "auto";
  /** A statement file's date: the year of dates written without one. */
  reference: Date | null;
}

export interface TypedColumn {
  type: ColumnType;
  cells: Cell[];
  reading?: string;
  /** The currency the values named, when they all named the same one. */
  currency: string | null;
}

function share(parsed: number, total: number): boolean {
  return total > 0 && parsed / total >= TYPED_SHARE;
}

function tryAmounts(header: string, values: readonly string[]): TypedColumn | null {
  const present = values.filter((v) => v.trim() !== "");
  const mark: DecimalMark = inferDecimalMark(present);
  const parsed = values.map((v) => (v.trim() === "" ? null : parseAmount(v, mark)));
  const good = parsed.filter((p) => p !== null);
  if (!share(good.length, present.length)) return null;
  const currencies = new Set(good.map((p) => p.currency));
  const withCents = present.filter((v) => /[.,]\d{2}(?!\d)/.test(v)).length;
  const money =
    MONEY_HEADER.test(header) || good.some((p) => p.hadCurrency) || withCents * 2 >= present.length;
  return {
    type: money ? "amount" : "number",
    cells: values.map((v, i) => parsed[i]?.units ?? (v.trim() === "" ? null : v)),
    currency: currencies.size === 1 ? [...currencies][0]! : null,
    ...(mark === "," ? { reading: "decimal comma" } : {}),
  };
}

/** 05.02.2026 is a European way of writing; the US writes dates with slashes. */
function dotted(values: readonly string[]): boolean {
  return values.some((v) => /^\d{1,2}\.\d{1,2}\.\d{2,4}/.test(v.trim()));
}

const DATE_HEADER = /date|datum|fecha|data|day|tag|jour|posted|booking/i;

function tryDates(
  header: string,
  values: readonly string[],
  options: TypingOptions,
  mark: DecimalMark,
): TypedColumn | null {
  const present = values.filter((v) => v.trim() !== "");
  const dateColumn = DATE_HEADER.test(header);
  const order: DateOrder =
    options.dateOrder !== "auto"
      ? options.dateOrder
      : (inferDateOrder(present) ?? (dotted(present) || mark === "," ? "dmy" : "mdy"));
  const parsed = values.map((v) =>
    v.trim() === "" ? null : parseDate(v, order, options.reference, dateColumn),
  );
  const good = parsed.filter((p) => p !== null);
  if (!share(good.length, present.length)) return null;
  const readings: string[] = [];
  if (present.some((v) => /^\d{1,2}[-/.]\d{1,2}/.test(v.trim())))
    readings.push(order === "dmy" ? "day first" : "month first");
  if (good.some((p) => p.yearInferred))
    readings.push(
      `year not written: taken from the file date (${options.reference?.getUTCFullYear()})`,
    );
  return {
    type: "date",
    cells: values.map((v, i) => parsed[i]?.iso ?? (v.trim() === "" ? null : v)),
    currency: null,
    ...(readings.length ? { reading: readings.join("; ") } : {}),
  };
}

/**
 * Types one column. `tableMark` is the decimal mark the table's amounts use, which decides
 * ambiguous numeric dates when the config leaves the order to Hearth.
 */
export function typeColumn(
  header: string,
  values: readonly string[],
  options: TypingOptions,
  tableMark: DecimalMark,
): TypedColumn {
  return (
    tryDates(header, values, options, tableMark) ??
    tryAmounts(header, values) ?? {
      type: "text",
      cells: values.map((v) => (v.trim() === "" ? null : v.trim())),
      currency: null,
    }
  );
}
