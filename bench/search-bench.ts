// `npm run bench -- search`: query latency per mode on synthetic stores, against a plain float vec0 scan.
import { mkdtempSync, rmSync } from "node:fs";
import Database from "better-sqlite3-multiple-ciphers";
import * as sqliteVec from "sqlite-vec";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Embedder } from "../src/embed/embedder.js";
import { ModelInUse } from "../src/embed/model-in-use.js";
import { Searcher, type SearchMode } from "../src/search/search.js";
import { Store } from "../src/store/store.js";
import type { Chunk } from "../src/store/types.js";
import { vectorToBlob } from "../src/store/vectors.js";
import { STOP_WORDS } from "../src/search/stop-words.js";
import { clusteredVectors, seededRandom, summarize, vocabulary, zipfSampler } from "./synthetic.js";

const DIMS = 384;
const CHUNKS_PER_FILE = 10;
const WORDS_PER_CHUNK = 80;
const STOP = [...STOP_WORDS];

/**
 * Search latency without the model's cost: the query vectors are drawn with the corpus, so this
 * Embedder hands back the vector drawn for each query text.
 */
class PrecomputedQueries implements Embedder {
  readonly info = { name: "synthetic", fingerprint: `synthetic/${DIMS}d`, dimensions: DIMS };
  embeddedCount = 0;
  constructor(private readonly vectors: Map<string, Float32Array>) {}
  embedDocuments(): Promise<Float32Array[]> {
    throw new Error("the search benchmark inserts vectors directly");
  }
  embedQuery(text: string): Promise<Float32Array> {
    return Promise.resolve(this.vectors.get(text)!);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export interface SearchBenchResult {
  chunks: number;
  dims: number;
  queries: number;
  writeChunksPerSec: number;
  modes: Record<SearchMode, { p50: number; p95: number; mean: number }>;
  floatScan: { p50: number; p95: number; mean: number };
  hybridToFloatScanP95: number;
  semanticRecallAt10: number;
  dbMB: number;
  peakRssMB: number;
}

function buildStore(store: Store, n: number, seed: number) {
  const random = seededRandom(seed);
  // English-like text: about 45% stop words (the head of the Zipf curve), the rest content words.
  const words = vocabulary(20000, random);
  const zipf = zipfSampler(words.length, random, 100);
  const stop = zipfSampler(STOP.length, random);
  const vector = clusteredVectors(DIMS, 100, 20, random);
  const root = store.addRoot("/bench");
  store.vectors.activateModel(`synthetic/${DIMS}d`, DIMS);
  const started = performance.now();
  for (let f = 0; f * CHUNKS_PER_FILE < n; f++) {
    const chunks: Chunk[] = [];
    const vectors = new Map<string, Float32Array>();
    for (let c = 0; c < CHUNKS_PER_FILE && f * CHUNKS_PER_FILE + c < n; c++) {
      const id = f * CHUNKS_PER_FILE + c;
      const text = Array.from({ length: WORDS_PER_CHUNK }, () =>
        random() < 0.45 ? STOP[stop()]! : words[zipf()]!,
      ).join(" ");
      const hash = `h${id}`;
      chunks.push({
        ordinal: c,
        heading: "",
        text,
        location: { startLine: c * 10 + 1, endLine: c * 10 + 9 },
        hash,
      });
      vectors.set(hash, vector(id));
    }
    store.writeIndexedFile(
      {
        rootId: root.id,
        path: `/bench/f${f}.md`,
        size: 1000,
        mtimeMs: 1_700_000_000_000 + f * 1000,
        kind: "md",
        contentHash: `c${f}`,
        title: `note ${f}`,
        chunks,
        vectorModel: `synthetic/${DIMS}d`,
      },
      vectors,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const queries = new Map<string, Float32Array>();
  for (let q = 0; queries.size < 200; q++) {
    const terms = Array.from({ length: 2 + (q % 4) }, () => words[zipf()]!);
    queries.set(`what did I write about ${terms.join(" and ")}`, vector(Math.floor(random() * n)));
  }
  return { writeChunksPerSec: Math.round(n / seconds), queries };
}

async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function benchSearch(n: number, seed = 7): Promise<SearchBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-"));
  let peakRss = process.memoryUsage().rss;
  try {
    const file = join(dir, "index.sqlite");
    const store = Store.open(file);
    const { writeChunksPerSec, queries } = buildStore(store, n, seed);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // The plain float scan to compare with lives in a second connection: the store owns its own.
    const db = new Database(file);
    sqliteVec.load(db);
    db.exec(
      `CREATE VIRTUAL TABLE bench_float USING vec0(embedding float[${DIMS}] distance_metric=cosine)`,
    );
    db.exec(
      "INSERT INTO bench_float(rowid, embedding) SELECT c.id, e.vector FROM chunks c JOIN embeddings e ON e.hash = c.hash",
    );
    const floatKnn = db.prepare("SELECT rowid FROM bench_float WHERE embedding MATCH ? AND k = 10");

    const embedder = new PrecomputedQueries(queries);
    const searcher = new Searcher({
      store,
      model: new ModelInUse(embedder, null),
      settings: { rrfK: 60, candidates: 100 },
    });
    const model = store.vectors.activeModel()!;
    const modes: SearchMode[] = ["keyword", "semantic", "hybrid"];
    const samples: Record<string, number[]> = { keyword: [], semantic: [], hybrid: [], float: [] };
    let recall = 0;
    // Warm-up pass, then the measured pass.
    for (const pass of [0, 1]) {
      for (const [query, vector] of queries) {
        for (const mode of modes) {
          const ms = await time(() =>
            searcher.search({ query, mode, limit: 10, filters: {}, chunksPerFile: 1 }),
          );
          if (pass === 1) samples[mode]!.push(ms);
        }
        const blob = vectorToBlob(vector);
        let exact: number[] = [];
        const ms = await time(() => (exact = floatKnn.pluck().all(blob) as number[]));
        if (pass === 1) {
          samples.float!.push(ms);
          const approx = new Set(
            store.retrieval
              .semantic(model, vector, {}, 100)
              .slice(0, 10)
              .map((r) => r.chunkId),
          );
          recall += exact.filter((id) => approx.has(id)).length / exact.length;
        }
      }
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const dbMB =
      Math.round(
        (db
          .prepare("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
          .pluck()
          .get() as number) / 1e5,
      ) / 10;
    db.close();
    store.close();
    const stats = Object.fromEntries(
      modes.map((m) => [m, summarize(samples[m]!)]),
    ) as SearchBenchResult["modes"];
    const floatScan = summarize(samples.float!);
    return {
      chunks: n,
      dims: DIMS,
      queries: queries.size,
      writeChunksPerSec,
      modes: stats,
      floatScan,
      hybridToFloatScanP95: Math.round((stats.hybrid.p95 / floatScan.p95) * 100) / 100,
      semanticRecallAt10: Math.round((recall / queries.size) * 1000) / 1000,
      dbMB,
      peakRssMB: Math.round(peakRss / 1e6),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
