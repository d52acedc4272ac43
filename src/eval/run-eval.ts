// Evaluates the whole pipeline on a BEIR collection: index it as files into a temporary HEARTH_HOME, run every query.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openHearth } from "../hearth.js";
import type { Logger } from "../log.js";
import { indexRoot, type IndexProgress } from "../pipeline/index-root.js";
import type { SearchMode } from "../search/search.js";
import type { BeirCollection } from "./beir.js";
import { summarizeRuns, type MetricSummary } from "./metrics.js";

export interface EvalResult extends MetricSummary {
  dataset: string;
  mode: SearchMode;
  /** Median and 95th-percentile search latency over the queries, model time included. */
  queryMsP50: number;
  queryMsP95: number;
}

export interface EvalOptions {
  dataset: string;
  collection: BeirCollection;
  modes: readonly SearchMode[];
  /** GGUF model path, or null for keyword only. */
  model: string | null;
  threads: number;
  log: Logger;
  onProgress?: (p: IndexProgress) => void;
}

/** One markdown file per corpus entry: the title as its heading, so it counts as title and context. */
function writeCorpus(dir: string, collection: BeirCollection): Map<string, string> {
  const docByFile = new Map<string, string>();
  collection.corpus.forEach((doc, i) => {
    const file = join(dir, `d${Math.floor(i / 1000)}`, `${i}.md`);
    if (i % 1000 === 0) mkdirSync(join(dir, `d${Math.floor(i / 1000)}`), { recursive: true });
    writeFileSync(file, doc.title ? `# ${doc.title}\n\n${doc.text}\n` : `${doc.text}\n`);
    docByFile.set(file, doc.id);
  });
  return docByFile;
}

export async function runEval(options: EvalOptions): Promise<EvalResult[]> {
  const work = mkdtempSync(join(tmpdir(), "hearth-eval-"));
  try {
    const corpusDir = join(work, "corpus");
    const home = join(work, "home");
    mkdirSync(home);
    const docByFile = writeCorpus(corpusDir, options.collection);
    // A fresh HEARTH_HOME has no model in its cache, so without --model the run is keyword only.
    const config = options.model
      ? { embedding: { model: options.model, threads: options.threads } }
      : {};
    writeFileSync(join(home, "config.json"), JSON.stringify(config));
    const env = { ...process.env, HEARTH_HOME: home };
    const hearth = await openHearth({ log: options.log, env });
    try {
      const report = await indexRoot(hearth.indexDeps, corpusDir, {
        concurrency: 2,
        onProgress: options.onProgress,
      });
      const root = report.root;
      const results: EvalResult[] = [];
      for (const mode of options.modes) {
        if (mode !== "keyword" && !hearth.model.current) continue;
        const runs = new Map<string, string[]>();
        const times: number[] = [];
        for (const queryId of options.collection.qrels.keys()) {
          const text = options.collection.queries.get(queryId) ?? "";
          const response = await hearth.searcher.search({
            query: text,
            mode,
            limit: 100,
            filters: {},
            chunksPerFile: 1,
          });
          times.push(response.tookMs);
          runs.set(
            queryId,
            response.results.map(
              (hit) => docByFile.get(hit.path.replace(root, corpusDir)) ?? hit.path,
            ),
          );
        }
        times.sort((a, b) => a - b);
        results.push({
          dataset: basename(options.dataset),
          mode,
          ...summarizeRuns(runs, options.collection.qrels),
          queryMsP50: times[Math.floor(times.length / 2)] ?? 0,
          queryMsP95: times[Math.ceil(times.length * 0.95) - 1] ?? 0,
        });
      }
      return results;
    } finally {
      await hearth.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
