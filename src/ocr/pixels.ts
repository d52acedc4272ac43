// Decoded images for OCR: HEIC (phones' photo format, which tesseract cannot read) decoded by
// libheif compiled to WebAssembly (heic-decode), and pixels handed to tesseract as a grey PGM,
// which costs nothing to encode, unlike a PNG.
import { createRequire } from "node:module";
import type HeicDecode from "heic-decode";

const require = createRequire(import.meta.url);

/** An image's pixels, 4 bytes (RGBA) each, row by row. */
export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
}

/** The primary image of a HEIC/HEIF file. */
export async function decodeHeic(bytes: Uint8Array): Promise<Pixels> {
  // CommonJS with `export =`: required on first use (a WebAssembly build of 8 MB).
  const decode = require("heic-decode") as typeof HeicDecode;
  const image = await decode({ buffer: bytes });
  return { width: image.width, height: image.height, rgba: image.data };
}

/** The pixels as a binary PGM of their luma (ITU-R BT.601, in integers). */
export function greyPgm({ width, height, rgba }: Pixels): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii");
  const pgm = Buffer.alloc(header.length + width * height);
  header.copy(pgm);
  for (let i = 0, o = header.length; i < width * height * 4; i += 4, o++) {
    pgm[o] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  }
  return pgm;
}
