// A receipt as a one-row table whose one transaction is the money it records going out: the date,
// the merchant as the description, the total as a negative amount, the currency when printed.
import { SCALE } from "./fixed-point.js";
import type { DateOrder } from "./parse-date.js";
import { looksLikeBill, looksLikeReceipt, receiptFields } from "./receipt-fields.js";
import type { ExtractedTable } from "./types.js";

/** The name receipts' tables go by (the transactions view tells receipts from statements by it). */
export const RECEIPT_TABLE = "receipt";

/**
 * The receipt's table, or null when the text has no date, no total, or nothing of a till slip.
 * `otherPasses`: the slip recognised again, whose readings vote (see receiptFields).
 */
export function receiptTable(
  lines: readonly string[],
  order: DateOrder,
  otherPasses: readonly (readonly string[])[] = [],
): ExtractedTable | null {
  const fields = receiptFields(lines, order, otherPasses);
  if (fields.date === null || fields.totalMinor === null || fields.totalLine === null) return null;
  // A screenshot of a table with a "Total" column and a date is not a purchase.
  if (!looksLikeReceipt(lines, fields) || looksLikeBill(lines)) return null;
  const amount = -fields.totalMinor * (SCALE / 100);
  const description = fields.merchant ?? "receipt";
  return {
    name: RECEIPT_TABLE,
    headerRow: null,
    columns: [
      { name: "date", type: "date", role: "date" },
      { name: "merchant", type: "text", role: "description" },
      { name: "total", type: "amount", role: "amount" },
      { name: "currency", type: "text", role: "currency" },
    ],
    rows: [{ row: fields.totalLine, cells: [fields.date, description, amount, fields.currency] }],
    transactions: [
      {
        row: fields.totalLine,
        date: fields.date,
        description,
        amount,
        currency: fields.currency,
        balance: null,
      },
    ],
  };
}
