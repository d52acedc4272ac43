// Retrieval metrics as trec_eval and BEIR define them: nDCG@k (linear gain), Recall@k, MRR@k.

/** Relevance judgements for one query: document id → grade (> 0 is relevant). */
export type Judgements = ReadonlyMap<string, number>;

export function ndcgAt(k: number, ranked: readonly string[], judged: Judgements): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((doc, i) => {
    dcg += (judged.get(doc) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...judged.values()].filter((g) => g > 0).sort((a, b) => b - a);
  let idcg = 0;
  ideal.slice(0, k).forEach((g, i) => {
    idcg += g / Math.log2(i + 2);
  });
  return idcg === 0 ? 0 : dcg / idcg;
}

export function recallAt(k: number, ranked: readonly string[], judged: Judgements): number {
  const relevant = [...judged].filter(([, g]) => g > 0).length;
  if (relevant === 0) return 0;
  return ranked.slice(0, k).filter((doc) => (judged.get(doc) ?? 0) > 0).length / relevant;
}

export function mrrAt(k: number, ranked: readonly string[], judged: Judgements): number {
  const i = ranked.slice(0, k).findIndex((doc) => (judged.get(doc) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface MetricSummary {
  queries: number;
  ndcg_at_10: number;
  recall_at_10: number;
  recall_at_100: number;
  mrr_at_10: number;
}

/** Means over every judged query; a query with no results scores 0. */
export function summarizeRuns(
  runs: ReadonlyMap<string, readonly string[]>,
  qrels: ReadonlyMap<string, Judgements>,
): MetricSummary {
  const ids = [...qrels.keys()];
  const mean = (f: (ranked: readonly string[], judged: Judgements) => number) =>
    ids.reduce((sum, id) => sum + f(runs.get(id) ?? [], qrels.get(id)!), 0) /
    Math.max(ids.length, 1);
  const round = (n: number) => Math.round(n * 10000) / 10000;
  return {
    queries: ids.length,
    ndcg_at_10: round(mean((r, j) => ndcgAt(10, r, j))),
    recall_at_10: round(mean((r, j) => recallAt(10, r, j))),
    recall_at_100: round(mean((r, j) => recallAt(100, r, j))),
    mrr_at_10: round(mean((r, j) => mrrAt(10, r, j))),
  };
}
