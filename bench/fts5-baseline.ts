// The reference every keyword change is measured against: plain SQLite FTS5 BM25 (porter stemmer,
// default weights, one row per document, the query's words OR-ed), in memory, same collection.
import Database from "better-sqlite3-multiple-ciphers";
import type { BeirCollection } from "../src/eval/beir.js";
import { summarizeRuns, type MetricSummary } from "../src/eval/metrics.js";

const WORD = /[\p{L}\p{N}]+/gu;

export function plainFts5(collection: BeirCollection): MetricSummary {
  const db = new Database(":memory:");
  try {
    db.exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize = 'porter')");
    const insert = db.prepare("INSERT INTO docs(id, title, text) VALUES (?, ?, ?)");
    db.transaction(() => {
      for (const doc of collection.corpus) insert.run(doc.id, doc.title, doc.text);
    })();
    const search = db.prepare(
      "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 100",
    );
    const runs = new Map<string, string[]>();
    for (const queryId of collection.qrels.keys()) {
      const words = [...new Set((collection.queries.get(queryId) ?? "").toLowerCase().match(WORD))];
      const match = words.map((w) => `"${w}"`).join(" OR ");
      runs.set(queryId, match ? (search.pluck().all(match) as string[]) : []);
    }
    return summarizeRuns(runs, collection.qrels);
  } finally {
    db.close();
  }
}
