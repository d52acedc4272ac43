// Tests: the eval's collections of other shapes.
import { describe, expect, it } from "vitest";
import { variantOf } from "../../bench/eval-variants.js";
import type { BeirCollection } from "../../src/eval/beir.js";

const collection: BeirCollection = {
  corpus: Array.from({ length: 18 }, (_, i) => ({
    id: `d${i}`,
    title: `Title ${i}`,
    text: i === 17 ? "Too short. Two sentences." : `One ${i}. Two ${i}. Three ${i}! Four ${i}?`,
  })),
  queries: new Map([["q1", "claim"]]),
  qrels: new Map([["q1", new Map([["d3", 1]])]]),
};

describe("eval variants", () => {
  it("removes the titles and keeps the queries", () => {
    const v = variantOf(collection, "no-titles");
    expect(v.corpus.every((d) => d.title === "")).toBe(true);
    expect(v.corpus[3]!.text).toBe(collection.corpus[3]!.text);
    expect(v.qrels).toBe(collection.qrels);
  });

  it("asks with a document's first half for its second half", () => {
    const v = variantOf(collection, "paragraph-queries");
    expect([...v.queries]).toEqual([["p0", "One 0. Two 0."]]);
    expect([...v.qrels]).toEqual([["p0", new Map([["d0", 1]])]]);
    expect(v.corpus[0]).toEqual({ id: "d0", title: "", text: "Three 0! Four 0?" });
    // Documents not chosen (d17: every 17th, but under four sentences) stay whole.
    expect(v.corpus[17]!.text).toBe("Too short. Two sentences.");
    expect(v.corpus).toHaveLength(18);
  });
});
