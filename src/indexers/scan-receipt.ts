// A scan or photo that may be a till slip is read a second time at twice the size: small print's
// digits are read better there, and the two passes' totals and dates vote (receiptFields). The
// first pass stays the text indexed and cited; the second only decides the receipt's fields.
import type { Pixels } from "../ocr/pixels.js";
import type { Recognised } from "../ocr/recognize.js";
import { machineDateOrder, mayBeReceipt } from "../tables/receipt-fields.js";
import { receiptTable } from "../tables/receipt-table.js";
import type { ExtractedTable } from "../tables/types.js";

export async function receiptOfScan(
  image: Uint8Array | Pixels,
  first: Recognised,
  languages: readonly string[],
): Promise<ExtractedTable | null> {
  if (!mayBeReceipt(first.lines)) return null;
  const [{ enlargedGrey }, { recognise }] = await Promise.all([
    import("../ocr/enlarge.js"),
    import("../ocr/recognize.js"),
  ]);
  const enlarged = await enlargedGrey(image);
  const second = enlarged ? await recognise(enlarged, languages) : null;
  return receiptTable(first.lines, machineDateOrder(), second ? [second.lines] : []);
}
