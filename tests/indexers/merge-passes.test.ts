// Tests: a slip's text keeps the first pass's lines, each in the more confident of its two
// readings, matched by where the line lies once the enlarged pass is scaled back.
import { describe, expect, it } from "vitest";
import { moreConfidentLines } from "../../src/ocr/merge-passes.js";
import type { Recognised } from "../../src/ocr/recognize.js";

/** Lines 40 px apart, each `width` wide, read at `scale`, with their confidences. */
function read(lines: [string, number][], scale: number, width = 300): Recognised {
  return {
    lines: lines.map(([text]) => text),
    lineConfidences: lines.map(([, c]) => c),
    confidence: lines.reduce((a, [, c]) => a + c, 0) / lines.length,
    boxes: lines.map((_, i) => ({
      x0: 10 * scale,
      y0: (10 + 40 * i) * scale,
      x1: (10 + width) * scale,
      y1: (40 + 40 * i) * scale,
    })),
  };
}

describe("two passes' lines", () => {
  it("takes each line's more confident reading and keeps the first pass's lines", () => {
    const first = read(
      [
        ["HARB0UR BAKERY", 60],
        ["BREAD 3.20", 90],
        ["TOTAL 12.5O", 50],
      ],
      1,
    );
    const enlarged = read(
      [
        ["HARBOUR BAKERY", 91],
        ["BREAD 3.2O", 70],
        ["TOTAL 12.50", 80],
        ["THANK YOU", 95],
      ],
      2,
    );
    const merged = moreConfidentLines(first, enlarged, 2);
    expect(merged.lines).toEqual(["HARBOUR BAKERY", "BREAD 3.20", "TOTAL 12.50"]);
    expect(merged.lineConfidences).toEqual([91, 90, 80]);
    expect(merged.confidence).toBeCloseTo(87);
    expect(merged.boxes).toEqual(first.boxes);
  });

  it("keeps a line the other pass does not hold as one line in the same place", () => {
    const first = read([["TOTAL 12.5O", 50]], 1);
    // A more confident line elsewhere on the slip is no reading of this one.
    const lower = read([["TOTAL 12.50", 90]], 2);
    lower.boxes = lower.boxes.map((b) => ({ ...b, y0: b.y0 + 200, y1: b.y1 + 200 }));
    expect(moreConfidentLines(first, lower, 2).lines).toEqual(["TOTAL 12.5O"]);
    // Split in two across the line's width: two twins, neither taken.
    const halves: Recognised = {
      lines: ["TOTAL", "12.50"],
      lineConfidences: [95, 95],
      confidence: 95,
      boxes: [
        { x0: 20, y0: 20, x1: 300, y1: 80 },
        { x0: 320, y0: 20, x1: 620, y1: 80 },
      ],
    };
    expect(moreConfidentLines(first, halves, 2).lines).toEqual(["TOTAL 12.5O"]);
    // A reading of only part of the line ("12.50" of "TOTAL 12.5O") does not replace it.
    const part: Recognised = {
      lines: ["12.50"],
      lineConfidences: [95],
      confidence: 95,
      boxes: [{ x0: 440, y0: 20, x1: 620, y1: 80 }],
    };
    expect(moreConfidentLines(first, part, 2).lines).toEqual(["TOTAL 12.5O"]);
    // Joined: two lines of the first pass that one enlarged line spans keep their own readings.
    const split: Recognised = { ...halves, lines: ["T0TAL", "12.5O"], lineConfidences: [40, 40] };
    split.boxes = halves.boxes.map((b) => ({
      x0: b.x0 / 2,
      y0: b.y0 / 2,
      x1: b.x1 / 2,
      y1: b.y1 / 2,
    }));
    const whole = read([["TOTAL 12.50", 95]], 2, 310);
    expect(moreConfidentLines(split, whole, 2).lines).toEqual(["T0TAL", "12.5O"]);
  });
});
