// Reciprocal-rank fusion: robust to the different score scales of BM25 and cosine similarity.
import type { RankedChunk } from "../store/types.js";

/**
 * Added to a chunk that one list ranks first, or second or third. Plain RRF gives rank 1 barely more
 * than rank 10 (1/61 against 1/70), so a weak list can bury the other's exact match; with the bonus,
 * each list's best three stay near the top, and reciprocal ranks order the rest. Symmetric: neither
 * retriever is trusted over the other.
 */
const TOP_RANK_BONUS = [0.05, 0.02, 0.02] as const;

/**
 * Scores are normalised so a chunk ranked first in every list scores 1. Equal ranks in two lists tie
 * (a chunk fourth in one list only, another fourth in the other), and such a tie goes to the chunk
 * that stands out more in its own list, measured in that list's standard deviations, so it is
 * scale-free and symmetric too.
 */
export function fuseReciprocalRank(lists: readonly RankedChunk[][], k: number): RankedChunk[] {
  const scores = new Map<number, number>();
  const bonus = new Map<number, number>();
  const standout = new Map<number, number>();
  for (const list of lists) {
    const z = standardScores(list);
    list.forEach((item, rank) => {
      scores.set(item.chunkId, (scores.get(item.chunkId) ?? 0) + 1 / (k + rank + 1));
      standout.set(item.chunkId, (standout.get(item.chunkId) ?? 0) + z(item.score));
      const top = TOP_RANK_BONUS[rank] ?? 0;
      if (top > (bonus.get(item.chunkId) ?? 0)) bonus.set(item.chunkId, top);
    });
  }
  const best = lists.length / (k + 1) + TOP_RANK_BONUS[0];
  return [...scores]
    .map(([chunkId, score]) => ({
      chunkId,
      score: (score + (bonus.get(chunkId) ?? 0)) / best,
      standout: standout.get(chunkId)!,
    }))
    .sort((a, b) => b.score - a.score || b.standout - a.standout || a.chunkId - b.chunkId);
}

/** A score's distance from its list's mean, in the list's standard deviations (0 for a flat list). */
function standardScores(list: readonly RankedChunk[]): (score: number) => number {
  const mean = list.reduce((sum, r) => sum + r.score, 0) / (list.length || 1);
  const variance = list.reduce((sum, r) => sum + (r.score - mean) ** 2, 0) / (list.length || 1);
  const deviation = Math.sqrt(variance) || 1;
  return (score) => (score - mean) / deviation;
}
