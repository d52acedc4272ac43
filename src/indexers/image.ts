// Images (scans, photos of receipts, screenshots): their text recognised by OCR, one line per
// recognised line. Its size is read from the header first, so a decompression bomb is refused by
// its pixel count before a single pixel is decoded.
import { imageSize } from "image-size";
import { HearthError, errorMessage } from "../errors.js";
import type { Pixels } from "../ocr/pixels.js";
import type { Recognised } from "../ocr/recognize.js";
import { readScan } from "./scan-receipt.js";
import { ExtractError, OCR_OFF, type Indexer } from "./indexer.js";

/** Above this many pixels an image is refused unread (a 48-megapixel photo passes). */
export const MAX_IMAGE_PIXELS = 50_000_000;

function dimensions(bytes: Uint8Array): { width: number; height: number } {
  try {
    const { width, height } = imageSize(bytes);
    if (width && height) return { width, height };
  } catch (err) {
    throw new ExtractError(`not a readable image: ${errorMessage(err)}`);
  }
  throw new ExtractError("not a readable image: its header gives no size");
}

export const imageIndexer: Indexer = {
  extensions: [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif"],
  isolated: true,
  slowLane: true,
  async extract(input) {
    const ocr = input.ocr;
    if (!ocr?.enabled) throw new ExtractError(`images are read by OCR; ${OCR_OFF}`);
    const { width, height } = dimensions(input.bytes);
    if (width * height > MAX_IMAGE_PIXELS) {
      throw new ExtractError(
        `the image is ${width} × ${height} pixels, over the ${MAX_IMAGE_PIXELS / 1e6}-megapixel limit: refused before decoding`,
      );
    }
    let first: Recognised;
    let image: Uint8Array | Pixels = input.bytes;
    try {
      // Loaded in the worker that reads an image, never in a process that only asks the daemon.
      const { recognise } = await import("../ocr/recognize.js");
      if (/\.hei[cf]$/i.test(input.path)) {
        // Tesseract reads no HEIC (phones' photos): decoded first, and read as grey pixels.
        const { decodeHeic, greyPgm } = await import("../ocr/pixels.js");
        image = await decodeHeic(input.bytes);
        first = await recognise(greyPgm(image), ocr.languages);
      } else first = await recognise(input.bytes, ocr.languages);
    } catch (err) {
      if (err instanceof HearthError) throw new ExtractError(err.message);
      throw new ExtractError(`the image could not be decoded: ${errorMessage(err)}`);
    }
    if (first.lines.length === 0) throw new ExtractError("no text recognised in the image (OCR)");
    // A receipt (a date and a total) also becomes a transaction; numeric dates the receipt leaves
    // ambiguous are read in the order of the machine's locale.
    const { text, receipt } = await readScan(image, first, ocr.languages);
    return {
      kind: "image",
      title: "",
      structure: "plain",
      segments: [
        { text: text.lines.join("\n"), startLine: 1, lineConfidences: text.lineConfidences },
      ],
      ocr: { confidence: Math.round(text.confidence) },
      ...(receipt ? { tables: [receipt] } : {}),
    };
  },
};
