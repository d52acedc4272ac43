// Tests: the OCR measures — edit distance, normalisation, word recall as a multiset, boxes in reading
// order.
import { describe, expect, it } from "vitest";
import {
  editDistance,
  inReadingOrder,
  normalizeForCer,
  scoreOcr,
} from "../../src/eval/ocr-metrics.js";

describe("OCR measures", () => {
  it("edit distance counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("upper-cases and collapses whitespace before comparing", () => {
    expect(normalizeForCer("  Total\n\t12.50 ")).toBe("TOTAL 12.50");
    expect(scoreOcr("Total 12.50\nCash", "TOTAL  12.50 CASH")).toMatchObject({
      cer: 0,
      wordRecall: 1,
    });
  });

  it("word recall takes each recognised word once", () => {
    const score = scoreOcr("A A B", "A B");
    expect(score.wordRecall).toBeCloseTo(2 / 3);
    expect(score.cer).toBeCloseTo(2 / 5);
  });

  it("puts boxes listed column by column into rows, left to right", () => {
    const box = (text: string, left: number, top: number) => ({
      text,
      left,
      top,
      bottom: top + 20,
    });
    // As some ground truth lists them: the items, then their prices (slightly lower on the page).
    const columns = [box("BREAD", 10, 100), box("MILK", 10, 130), box("3.20", 200, 103)];
    expect(inReadingOrder([...columns, box("1.10", 200, 134)])).toBe("BREAD 3.20\nMILK 1.10");
    // A box between two rows starts its own.
    expect(inReadingOrder([box("A", 0, 0), box("B", 0, 11)])).toBe("A\nB");
  });
});
