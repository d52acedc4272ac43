// A scan or photo that may be a till slip is read a second time at twice the size: small print's
// digits are read better there, and the passes' totals and dates vote (receiptFields). When the
// two leave the date or the total in doubt, a third pass at 1.5× breaks the tie. The text indexed
// and cited keeps the first pass's lines, each in the most confident of the passes' readings.
import { imageSize } from "image-size";
import type { Pixels } from "../ocr/pixels.js";
import type { Recognised } from "../ocr/recognize.js";
import type { DateOrder } from "../tables/parse-date.js";
import { machineDateOrder, mayBeReceipt, receiptFields } from "../tables/receipt-fields.js";
import { receiptTable } from "../tables/receipt-table.js";
import type { ExtractedTable } from "../tables/types.js";

/**
 * A first pass this sure of its lines (a screenshot, a clean e-receipt) is not read again: on the
 * 60 scanned receipts, no first pass reached it, and those are the slips a second pass helps.
 */
const SURE_ENOUGH = 90;

/** The formats the enlarging decoder (@napi-rs/canvas) reads safely: it crashes on some TIFFs. */
const ENLARGEABLE = new Set(["png", "jpg", "webp"]);

/**
 * The sizes a slip is read again at: twice, then 1.5× while the readings are in doubt. On the 60
 * scanned receipts a third pass on every slip took dates from 73 % to 80 % at ≈ 3.3 s per receipt;
 * run only where the first two passes disagree on the date or lack a date or a total (25 of 60),
 * it kept the 80 % at 2.18 s (docs/benchmarks.md).
 */
const SECOND_PASS = 2;
const THIRD_PASS = 1.5;

/** Whether the first two passes read the same date and, together, a total: no third is needed. */
export function passesAgree(
  first: readonly string[],
  second: readonly string[],
  order: DateOrder,
): boolean {
  const date = receiptFields(first, order).date;
  return (
    date !== null &&
    date === receiptFields(second, order).date &&
    receiptFields(first, order, [second]).totalMinor !== null
  );
}

/** Pixels already decoded, or a PNG, JPEG or WebP (by its header); TIFF and BMP are read once. */
function enlargeable(image: Uint8Array | Pixels): boolean {
  if (!(image instanceof Uint8Array)) return true;
  try {
    return ENLARGEABLE.has(imageSize(image).type ?? "");
  } catch {
    return false;
  }
}

/** What a scan reads as: its text, and the receipt it is, if it is one. */
export interface ScanReading {
  text: Recognised;
  receipt: ExtractedTable | null;
}

/** The text and receipt of a scan whose first OCR pass read `first`. */
export async function readScan(
  image: Uint8Array | Pixels,
  first: Recognised,
  languages: readonly string[],
): Promise<ScanReading> {
  if (!mayBeReceipt(first.lines)) return { text: first, receipt: null };
  const order = machineDateOrder();
  if (first.confidence >= SURE_ENOUGH || !enlargeable(image))
    return { text: first, receipt: receiptTable(first.lines, order) };
  const [{ enlargedGrey }, { recognise }, { moreConfidentLines }] = await Promise.all([
    import("../ocr/enlarge.js"),
    import("../ocr/recognize.js"),
    import("../ocr/merge-passes.js"),
  ]);
  /** The slip read `factor` times larger; null when that is no larger than the first. */
  const readAt = async (factor: number) => {
    const enlarged = await enlargedGrey(image, factor);
    return enlarged && { read: await recognise(enlarged.pgm, languages), scale: enlarged.scale };
  };
  let text = first;
  const others: string[][] = [];
  try {
    const second = await readAt(SECOND_PASS);
    if (second) {
      others.push(second.read.lines);
      text = moreConfidentLines(first, second.read, second.scale);
      const agree = passesAgree(first.lines, second.read.lines, order);
      const third = agree ? null : await readAt(THIRD_PASS);
      if (third) {
        others.push(third.read.lines);
        text = moreConfidentLines(text, third.read, third.scale);
      }
    }
  } catch {
    // The first pass was read: a pass that fails costs only its votes and its lines.
  }
  // The first pass votes as itself; the text's line numbers are its lines'.
  return { text, receipt: receiptTable(first.lines, order, others) };
}
