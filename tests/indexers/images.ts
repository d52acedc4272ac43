// Generated images for the OCR tests: text drawn in DejaVu Sans (from npm) with pureimage, as PNG,
// JPEG or HEIC; and a PNG header that claims a size no image should have.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { PDFDocument, StandardFonts } from "pdf-lib";
import * as PImage from "pureimage";

const require = createRequire(import.meta.url);
const FONT = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf/DejaVuSans.ttf");
let fontLoaded = false;

async function encoded(image: PImage.Bitmap, format: "png" | "jpeg"): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  if (format === "png") await PImage.encodePNGToStream(image, stream);
  else await PImage.encodeJPEGToStream(image, stream, 95);
  return Buffer.concat(chunks);
}

/**
 * Black lines of text on white, large enough to read unless `points` is small (fine print); with
 * `specks`, the text is set further in and the margin is strewn with dots (a scanner's dirt).
 */
export async function textImage(
  lines: readonly string[],
  format: "png" | "jpeg" = "png",
  { points = 40, specks = false } = {},
): Promise<Buffer> {
  if (!fontLoaded) {
    PImage.registerFont(FONT, "DejaVu").loadSync();
    fontLoaded = true;
  }
  const image = PImage.make(900, 80 + (lines.length * 70 * points) / 40);
  const ctx = image.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.fillStyle = "#000000";
  ctx.font = `${points}pt DejaVu`;
  lines.forEach((line, i) => ctx.fillText(line, specks ? 250 : 30, 80 + (i * 70 * points) / 40));
  if (specks) {
    let seed = 7; // the same dots every run: a linear congruential generator
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 60; i++) {
      const size = 1 + Math.floor(random() * 4);
      ctx.fillRect(Math.floor(random() * 180), Math.floor(random() * image.height), size, size);
    }
  }
  return encoded(image, format);
}

export async function blankImage(): Promise<Buffer> {
  const image = PImage.make(400, 300);
  const ctx = image.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, 400, 300);
  return encoded(image, "png");
}

/** A PNG signature and header claiming width × height, and nothing else: a bomb's calling card. */
export function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    length,
    Buffer.from("IHDR"),
    ihdr,
    Buffer.alloc(4), // CRC (not checked by a header reader)
  ]);
}

/**
 * `lines` as a phone would save them: HEIC, encoded by libheif's heif-enc (Debian's
 * libheif-examples, which .ci/run installs; no npm package encodes HEIC).
 */
export async function heicImage(lines: readonly string[]): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-heic-"));
  try {
    writeFileSync(join(dir, "in.png"), await textImage(lines));
    execFileSync("heif-enc", ["-q", "90", "-o", join(dir, "out.heic"), join(dir, "in.png")], {
      stdio: "ignore",
    });
    return readFileSync(join(dir, "out.heic"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A "scanned" PDF: each page one image of text, and no text layer at all; `points[i]`: page i's
 * print size (fine print is read less surely).
 */
export async function scannedPdf(
  pages: readonly (readonly string[])[],
  points: readonly number[] = [],
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const [i, lines] of pages.entries()) {
    const png = await pdf.embedPng(await textImage(lines, "png", { points: points[i] ?? 40 }));
    // 900 px at 200 dpi is 324 pt wide: the page the scanner would have made.
    const page = pdf.addPage([png.width * 0.36, png.height * 0.36]);
    page.drawImage(png, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return pdf.save();
}

/** A typed cover page, then a scanned one. */
export async function mixedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await scannedPdf([["SCANNED RECEIPT PAGE"]]));
  pdf.insertPage(0, [300, 300]).drawText("Typed cover letter", {
    x: 20,
    y: 250,
    size: 14,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return pdf.save();
}
