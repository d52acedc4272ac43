// A scan or photo that may be a till slip is read a second time at twice the size: small print's
// digits are read better there, and the two passes' totals and dates vote (receiptFields). The
// first pass stays the text indexed and cited; the second only decides the receipt's fields.
import { imageSize } from "image-size";
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

/** The formats the enlarging decoder (@napi-rs/canvas) reads safely: it crashes on some TIFFs. */
const ENLARGEABLE = new Set(["png", "jpg", "webp"]);

/** Pixels already decoded, or a PNG, JPEG or WebP (by its header); TIFF and BMP are read once. */
function enlargeable(image: Uint8Array | Pixels): boolean {
  if (!(image instanceof Uint8Array)) return true;
  try {
    return ENLARGEABLE.has(imageSize(image).type ?? "");
  } catch {
    return false;
  }
}

export async function receiptOfScan(
  image: Uint8Array | Pixels,
  first: Recognised,
  languages: readonly string[],
): Promise<ExtractedTable | null> {
  if (!mayBeReceipt(first.lines)) return null;
  const once = () => receiptTable(first.lines, machineDateOrder());
  if (first.confidence >= SURE_ENOUGH || !enlargeable(image)) return once();
  const [{ enlargedGrey }, { recognise }] = await Promise.all([
    import("../ocr/enlarge.js"),
    import("../ocr/recognize.js"),
  ]);
  let second: Recognised | null;
  try {
    const enlarged = await enlargedGrey(image);
    second = enlarged ? await recognise(enlarged, languages) : null;
  } catch {
    return once(); // the first pass was read: a second that fails only costs its votes
  }
  return receiptTable(first.lines, machineDateOrder(), second ? [second.lines] : []);
}
