// Reciprocal-rank fusion: robust to the different score scales of BM25 and cosine similarity.
import type { RankedChunk } from "./keyword.js";

/** Scores are normalised so a chunk ranked first in every list scores 1. */
export function fuseReciprocalRank(lists: readonly RankedChunk[][], k: number): RankedChunk[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.forEach((item, rank) => {
      scores.set(item.chunkId, (scores.get(item.chunkId) ?? 0) + 1 / (k + rank + 1));
    });
  }
  const best = lists.length / (k + 1);
  return [...scores]
    .map(([chunkId, score]) => ({ chunkId, score: score / best }))
    .sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
}
