// Finds what a statement's columns mean (date, description, amount or debit/credit, balance) from
// header words in several languages and from the columns' types.
import type { TypedColumn } from "./column-types.js";
import type { ColumnRole } from "./types.js";

const HEADER_WORDS: Readonly<Record<ColumnRole, RegExp>> = {
  date: /date|datum|fecha|data|posted|posting|booking|buchung|valuta|tag/i,
  description:
    /descr|payee|merchant|narrat|detail|memo|particular|reference|name|verwendungszweck|buchungstext|beschreibung|libell|concepto|omschrijving|transaction|counterparty|empf|beneficiary|text/i,
  amount: /amount|amt|betrag|montant|importe|bedrag|value|sum/i,
  debit: /debit|withdraw|paid out|money out|outflow|spent|soll|lastschrift|d[ée]bit|cargo|charge/i,
  credit: /credit|deposit|paid in|money in|inflow|received|haben|gutschrift|cr[ée]dit|abono/i,
  direction: /^(type|dr\/cr|cr\/dr|d\/c|c\/d|debit\/credit|credit\/debit|soll\/haben)$/i,
  balance: /balance|saldo|solde|kontostand/i,
  currency: /currency|ccy|curr|w[äa]hrung|devise|moneda/i,
};

const VALUE_DATE = /value|valuta|wert/i;
const DIRECTION_VALUES = /^(dr|cr|d|c|debit|credit)$/i;

function textValues(column: TypedColumn): string[] {
  return column.cells.filter((c): c is string => typeof c === "string");
}

/** Assigns roles by index; a column has at most one, and a role at most one column. */
export function assignRoles(
  headers: readonly string[],
  columns: readonly TypedColumn[],
): Map<number, ColumnRole> {
  const roles = new Map<number, ColumnRole>();
  const free = (i: number): boolean => !roles.has(i);
  const find = (role: ColumnRole, fits: (c: TypedColumn, h: string) => boolean): number =>
    columns.findIndex(
      (c, i) => free(i) && HEADER_WORDS[role].test(headers[i]!) && fits(c, headers[i]!),
    );
  const claim = (role: ColumnRole, index: number): void => {
    if (index >= 0) roles.set(index, role);
  };
  const isAmount = (c: TypedColumn): boolean => c.type === "amount" || c.type === "number";

  // A transaction date before a value date: the day it happened is the one people ask about.
  let date = find("date", (c, h) => c.type === "date" && !VALUE_DATE.test(h));
  if (date < 0) date = columns.findIndex((c) => c.type === "date");
  claim("date", date);
  claim("balance", find("balance", isAmount));
  claim("debit", find("debit", isAmount));
  claim("credit", find("credit", isAmount));
  let amount = find("amount", isAmount);
  if (amount < 0 && ![...roles.values()].some((r) => r === "debit" || r === "credit")) {
    const money = columns.flatMap((c, i) => (free(i) && c.type === "amount" ? [i] : []));
    if (money.length === 1) amount = money[0]!;
  }
  claim("amount", amount);
  claim(
    "direction",
    find(
      "direction",
      (c) => c.type === "text" && textValues(c).every((v) => DIRECTION_VALUES.test(v)),
    ),
  );
  claim(
    "currency",
    find("currency", (c) => c.type === "text" && textValues(c).every((v) => /^[A-Z]{3}$/.test(v))),
  );
  let description = find("description", (c) => c.type === "text");
  if (description < 0) description = longestText(columns, free);
  claim("description", description);
  return roles;
}

function longestText(columns: readonly TypedColumn[], free: (i: number) => boolean): number {
  let best = -1;
  let bestLength = 0;
  columns.forEach((c, i) => {
    if (!free(i) || c.type !== "text") return;
    const values = textValues(c);
    const length = values.reduce((n, v) => n + v.length, 0) / Math.max(1, values.length);
    if (length > bestLength) [best, bestLength] = [i, length];
  });
  return best;
}
