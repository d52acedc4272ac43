// Tests: runEval on a BEIR collection.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { loadBeir } from "../../src/eval/beir.js";
import { runEval } from "../../src/eval/run-eval.js";
import { silentLogger } from "../../src/log.js";
import { tempDir, testModelPath, writeTree } from "../helpers.js";

const CORPUS = [
  {
    _id: "d1",
    title: "Vitamin D and bone density",
    text: "Vitamin D supplements increase bone mineral density in older adults.",
  },
  {
    _id: "d2",
    title: "Coffee and sleep",
    text: "Caffeine late in the day delays sleep onset and shortens deep sleep.",
  },
  {
    _id: "d3",
    title: "Exercise and mood",
    text: "Regular aerobic exercise reduces symptoms of depression.",
  },
];
const QUERIES = [
  { _id: "q1", text: "does vitamin D help bone density" },
  { _id: "q2", text: "caffeine effect on sleep" },
];
const QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n";

function files(): Record<string, string> {
  return {
    "corpus.jsonl": CORPUS.map((d) => JSON.stringify(d)).join("\n"),
    "queries.jsonl": QUERIES.map((q) => JSON.stringify(q)).join("\n"),
    "qrels/test.tsv": QRELS,
  };
}

describe("runEval on a BEIR collection", () => {
  it("reads the layout from a folder and from a zip with a top folder", () => {
    const dir = tempDir();
    writeTree(dir, files());
    const fromDir = loadBeir(dir);
    expect(fromDir.corpus).toHaveLength(3);
    expect(fromDir.qrels.get("q1")?.get("d1")).toBe(1);
    const zip = join(tempDir(), "mini.zip");
    const entries = Object.fromEntries(
      Object.entries(files()).map(([k, v]) => [`mini/${k}`, strToU8(v)]),
    );
    writeFileSync(zip, zipSync(entries));
    expect(loadBeir(zip)).toEqual(fromDir);
  });

  it("indexes the corpus through the real pipeline and scores every mode", async () => {
    const dir = tempDir();
    writeTree(dir, files());
    const results = await runEval({
      dataset: dir,
      collection: loadBeir(dir),
      modes: ["keyword", "semantic", "hybrid"],
      model: testModelPath(),
      threads: 1,
      log: silentLogger,
    });
    expect(results.map((r) => r.mode)).toEqual(["keyword", "semantic", "hybrid"]);
    for (const r of results) {
      expect(r.queries).toBe(2);
      expect(r.ndcg_at_10).toBe(1);
      expect(r.mrr_at_10).toBe(1);
    }
  });
});
