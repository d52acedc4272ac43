// A scan or photo that may be a till slip is read a second time at twice the size: small print's
// digits are read better there, and the two passes' totals and dates vote (receiptFields). The
// first pass stays the text indexed and cited; the second only decides the receipt's fields.
import type { Pixels } from "../ocr/pixels.js";
import type { Recognised } from "../ocr/recognize.js";
import { machineDateOrder, mayBeReceipt } from "../tables/receipt-fields.js";
import { receiptTable } from "../tables/receipt-table.js";
import type { ExtractedTable } from "../tables/types.js";

/**
 * A first pass this sure of its lines (a screenshot, a clean e-receipt) is not read again: on the
 * 60 scanned receipts, no first pass reached it, and those are the slips a second pass helps.
 */
const SURE_ENOUGH = 90;

export async function receiptOfScan(
  image: Uint8Array | Pixels,
  first: Recognised,
  languages: readonly string[],
): Promise<ExtractedTable | null> {
  if (!mayBeReceipt(first.lines)) return null;
  if (first.confidence >= SURE_ENOUGH) return receiptTable(first.lines, machineDateOrder());
  const [{ enlargedGrey }, { recognise }] = await Promise.all([
    import("../ocr/enlarge.js"),
    import("../ocr/recognize.js"),
  ]);
  const enlarged = await enlargedGrey(image);
  const second = enlarged ? await recognise(enlarged, languages) : null;
  return receiptTable(first.lines, machineDateOrder(), second ? [second.lines] : []);
}
