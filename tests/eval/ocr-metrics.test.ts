// Tests: the OCR measures — edit distance, normalisation, word recall as a multiset.
import { describe, expect, it } from "vitest";
import { editDistance, normalizeForCer, scoreOcr } from "../../src/eval/ocr-metrics.js";

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
});
