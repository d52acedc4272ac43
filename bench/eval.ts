// `npm run eval -- --dataset DIR|ZIP [--mode keyword|semantic|hybrid] [--model PATH|test] [--variant no-titles|paragraph-queries] [--json]`
// `npm run eval -- ocr --dataset DIR [--json]`: OCR of scanned receipts (see bench/ocr-eval.ts).
// Every run also scores plain FTS5 BM25 on the same collection, the baseline keyword changes must beat.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProgress } from "../src/cli/progress.js";
import { loadBeir } from "../src/eval/beir.js";
import { runEval } from "../src/eval/run-eval.js";
import { createLogger } from "../src/log.js";
import type { SearchMode } from "../src/search/search.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { VARIANTS, variantOf, type Variant } from "./eval-variants.js";
import { plainFts5 } from "./fts5-baseline.js";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataset = option("--dataset");
if (process.argv[2] === "ocr") {
  if (!dataset) {
    console.error("usage: [LC_ALL=en_GB.UTF-8] npm run eval -- ocr --dataset DIR [--json]");
    process.exit(2);
  }
  const { runOcrEval } = await import("./ocr-eval.js");
  await runOcrEval(dataset, process.argv.includes("--json"));
  process.exit(0);
}
if (!dataset) {
  console.error(
    "usage: npm run eval -- --dataset DIR|ZIP [--mode keyword|semantic|hybrid] [--model PATH|test] [--json]",
  );
  process.exit(2);
}
const modeOption = option("--mode");
const modes: SearchMode[] = modeOption
  ? [modeOption as SearchMode]
  : ["keyword", "semantic", "hybrid"];
let model = option("--model") ?? null;
let scratch: string | null = null;
if (model === "test") {
  // The generated test model, exercising the semantic path end to end. At the default preset's 384
  // dimensions (the unit tests use 64) its random projection keeps more of the word-piece overlap.
  scratch = mkdtempSync(join(tmpdir(), "hearth-eval-model-"));
  model = join(scratch, "hearth-test-bow.gguf");
  writeTestModel(model, { dimensions: 384 });
}
const threads = Number(option("--threads") ?? (option("--model") === "test" ? 1 : 0));

try {
  const loaded = loadBeir(dataset);
  const variant = option("--variant");
  if (variant && !(VARIANTS as readonly string[]).includes(variant)) {
    console.error(`unknown --variant ${variant}; use ${VARIANTS.join(" or ")}`);
    process.exit(2);
  }
  const collection = variant ? variantOf(loaded, variant as Variant) : loaded;
  console.error(
    `${dataset}: ${collection.corpus.length} documents, ${collection.qrels.size} judged queries`,
  );
  const progress = createProgress();
  const results = await runEval({
    dataset,
    collection,
    modes,
    model,
    threads,
    log: createLogger("warn"),
    onProgress: (p) => progress.update(p),
  });
  progress.done();
  const baseline = plainFts5(collection);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ variant: variant ?? null, baseline, results }, null, 2));
  } else {
    console.log(`${variant ?? "as published"}`);
    console.log(
      "mode      queries  nDCG@10  R@10    R@100   MRR@10  query p50 / p95 ms  ÷ plain FTS5 (nDCG@10)",
    );
    const b = baseline;
    console.log(
      `${"fts5".padEnd(9)} ${String(b.queries).padEnd(8)} ${b.ndcg_at_10.toFixed(4)}   ${b.recall_at_10.toFixed(4)}  ${b.recall_at_100.toFixed(4)}  ${b.mrr_at_10.toFixed(4)}  —                   1`,
    );
    for (const r of results) {
      console.log(
        `${r.mode.padEnd(9)} ${String(r.queries).padEnd(8)} ${r.ndcg_at_10.toFixed(4)}   ${r.recall_at_10.toFixed(4)}  ${r.recall_at_100.toFixed(4)}  ${r.mrr_at_10.toFixed(4)}  ${`${r.queryMsP50} / ${r.queryMsP95}`.padEnd(19)} ${(r.ndcg_at_10 / b.ndcg_at_10).toFixed(3)}`,
      );
    }
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
