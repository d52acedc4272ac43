// An image enlarged for a second OCR pass: small print is read better at twice the size (on 60
// scanned receipts, the totals and dates of a second pass at 2× outvote the first pass's misread
// digits). Decoded and resized by @napi-rs/canvas (prebuilt for Linux, macOS and Windows).
import { createCanvas, loadImage, type Canvas, type Image } from "@napi-rs/canvas";
import { greyPgm, type Pixels } from "./pixels.js";

/** The enlarged pass stays under this many pixels: twice a 24-megapixel scan would be 96. */
export const MAX_ENLARGED_PIXELS = 24_000_000;

function canvasOf({ width, height, rgba }: Pixels): Canvas {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const data = ctx.createImageData(width, height);
  data.data.set(rgba);
  ctx.putImageData(data, 0, 0);
  return canvas;
}

/**
 * `image` (PNG, JPEG, WebP, or decoded pixels) `factor` times larger, or less to stay under
 * the cap, as a grey PGM with the scale it was drawn at; null when that is no larger than the
 * image itself.
 */
export async function enlargedGrey(
  image: Uint8Array | Pixels,
  factor = 2,
): Promise<{ pgm: Uint8Array; scale: number } | null> {
  const source: Image | Pixels =
    image instanceof Uint8Array ? await loadImage(Buffer.from(image)) : image;
  const scale = Math.min(factor, Math.sqrt(MAX_ENLARGED_PIXELS / (source.width * source.height)));
  if (scale <= 1.1) return null; // no larger than the first pass: nothing new to read
  const width = Math.round(source.width * scale);
  const height = Math.round(source.height * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage("rgba" in source ? canvasOf(source) : source, 0, 0, width, height);
  const pgm = greyPgm({ width, height, rgba: ctx.getImageData(0, 0, width, height).data });
  return { pgm, scale: width / source.width };
}
