// Tests: the enlarged grey image of a second OCR pass — its size, its cap, and that tesseract reads it.
import { describe, expect, it } from "vitest";
import { MAX_ENLARGED_PIXELS, enlargedGrey } from "../../src/ocr/enlarge.js";
import { recognise } from "../../src/ocr/recognize.js";
import { textImage } from "./images.js";

function pgmSize(pgm: Uint8Array): { width: number; height: number; pixels: number } {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(Buffer.from(pgm.subarray(0, 32)).toString("ascii"));
  if (!header) throw new Error("not a PGM");
  const [width, height] = [Number(header[1]), Number(header[2])];
  expect(pgm.length).toBe(header[0].length + width * height);
  return { width, height, pixels: width * height };
}

describe("enlarged second pass", () => {
  it("doubles an image as grey PGM that OCR reads like the original", async () => {
    const png = await textImage(["CORNER SHOP", "TOTAL 12.50"]);
    const { pgm, scale } = (await enlargedGrey(png))!;
    expect(scale).toBe(2);
    expect(pgmSize(pgm)).toMatchObject({ width: 1800, height: 2 * (80 + 2 * 70) });
    expect((await recognise(pgm, ["eng"])).lines).toEqual(["CORNER SHOP", "TOTAL 12.50"]);
  });

  it("stays under its pixel cap, and gives nothing when the image is already that large", async () => {
    const png = await textImage(Array.from({ length: 60 }, (_, i) => `LINE ${i}`));
    const capped = (await enlargedGrey(png, 8))!;
    const { width, pixels } = pgmSize(capped.pgm);
    expect(pixels).toBeLessThanOrEqual(MAX_ENLARGED_PIXELS);
    expect(pixels).toBeGreaterThan(0.9 * MAX_ENLARGED_PIXELS);
    // The scale it says is the one drawn, not the one asked for: the next pass's boxes rely on it.
    expect(capped.scale).toBeLessThan(8);
    expect(capped.scale).toBeCloseTo(width / 900, 6);
    expect(await enlargedGrey(png, 1)).toBeNull();
  });
});
