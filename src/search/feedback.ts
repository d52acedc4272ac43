// Pseudo-relevance feedback (RM3-style): words that the best first results share, which the query
// did not name, widen a keyword search to documents that say the same thing in other words.
import { wordTokens } from "./fts-query.js";
import { STOP_WORDS } from "./stop-words.js";

export interface FeedbackDocument {
  text: string;
  score: number;
}

/**
 * The `count` words most likely in documents like these (each document's word frequencies, weighted
 * by how far its score is below the best one's), leaving out the query's own words, stop words,
 * numbers and words of under three letters.
 */
export function feedbackTerms(
  documents: readonly FeedbackDocument[],
  queryTerms: readonly string[],
  count: number,
): string[] {
  if (documents.length === 0) return [];
  const best = Math.max(...documents.map((d) => d.score));
  const own = new Set(queryTerms);
  const weights = new Map<string, number>();
  for (const { text, score } of documents) {
    const words = wordTokens(text).filter(
      (w) => w.length > 2 && !STOP_WORDS.has(w) && !/^\p{N}+$/u.test(w),
    );
    if (words.length === 0) continue;
    const weight = Math.exp(score - best) / words.length;
    for (const w of words) weights.set(w, (weights.get(w) ?? 0) + weight);
  }
  return [...weights]
    .filter(([w]) => !own.has(w))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([w]) => w);
}
