// An image enlarged for a second OCR pass: small print is read better at twice the size (on 60
// scanned receipts, the totals and dates of a second pass at 2× outvote the first pass's misread
// digits). Decoded and resized by @napi-rs/canvas (prebuilt for Linux, macOS and Windows) and
// handed to tesseract as a grey PGM, which costs nothing to encode, unlike a PNG.
import { createCanvas, loadImage } from "@napi-rs/canvas";

/** The enlarged pass stays under this many pixels: twice a 24-megapixel scan would be 96. */
export const MAX_ENLARGED_PIXELS = 24_000_000;

/** `image` (PNG, JPEG, WebP, BMP…) `factor` times larger, or less to stay under the cap, as PGM. */
export async function enlargedGrey(image: Uint8Array, factor = 2): Promise<Uint8Array | null> {
  const decoded = await loadImage(Buffer.from(image));
  const scale = Math.min(factor, Math.sqrt(MAX_ENLARGED_PIXELS / (decoded.width * decoded.height)));
  if (scale <= 1.1) return null; // no larger than the first pass: nothing new to read
  const width = Math.round(decoded.width * scale);
  const height = Math.round(decoded.height * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(decoded, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii");
  const pgm = Buffer.alloc(header.length + width * height);
  header.copy(pgm);
  for (let i = 0, o = header.length; i < rgba.length; i += 4, o++) {
    // ITU-R BT.601 luma, in integers.
    pgm[o] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  }
  return pgm;
}
