// Tests: retrieval metrics (trec_eval definitions).
import { describe, expect, it } from "vitest";
import { mrrAt, ndcgAt, recallAt, summarizeRuns } from "../../src/eval/metrics.js";

// Judged: a (grade 2), b (grade 1), c (grade 1). Ranked: x, a, y, c.
const judged = new Map([
  ["a", 2],
  ["b", 1],
  ["c", 1],
]);
const ranked = ["x", "a", "y", "c"];

describe("retrieval metrics (trec_eval definitions)", () => {
  it("nDCG@10 with linear gain, computed by hand", () => {
    // DCG = 2/log2(3) + 1/log2(5) = 1.26186 + 0.43068 = 1.69254
    // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.63093 + 0.5 = 3.13093
    expect(ndcgAt(10, ranked, judged)).toBeCloseTo(1.69254 / 3.13093, 4);
    expect(ndcgAt(1, ranked, judged)).toBe(0);
    expect(ndcgAt(10, ["a", "b", "c"], judged)).toBeCloseTo(1, 10);
  });

  it("Recall@k and MRR@k", () => {
    expect(recallAt(10, ranked, judged)).toBeCloseTo(2 / 3, 10);
    expect(recallAt(2, ranked, judged)).toBeCloseTo(1 / 3, 10);
    expect(mrrAt(10, ranked, judged)).toBe(0.5);
    expect(mrrAt(1, ranked, judged)).toBe(0);
  });

  it("averages over judged queries, counting a query with no results as zero", () => {
    const qrels = new Map([
      ["q1", new Map([["a", 1]])],
      ["q2", new Map([["b", 1]])],
    ]);
    const runs = new Map([["q1", ["a"]]]);
    expect(summarizeRuns(runs, qrels)).toEqual({
      queries: 2,
      ndcg_at_10: 0.5,
      recall_at_10: 0.5,
      recall_at_100: 0.5,
      mrr_at_10: 0.5,
    });
  });
});
