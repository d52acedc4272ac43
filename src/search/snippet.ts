// A short excerpt of a chunk around the densest run of query words.

const WINDOW_WORDS = 36;
const MAX_CHARS = 280;

/** Matches inflections cheaply: "leases" and "leasing" share the first five letters of "lease". */
function stem(word: string): string {
  return word.toLowerCase().slice(0, 5);
}

export function makeSnippet(text: string, terms: readonly string[]): string {
  const words = text.split(/\s+/).filter(Boolean);
  const wanted = new Set(terms.map(stem));
  const hit = words.map((w) => (wanted.has(stem(w.replace(/^[^\p{L}\p{N}]+/u, ""))) ? 1 : 0));
  let bestStart = 0;
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    hits += hit[i]!;
    if (i >= WINDOW_WORDS) hits -= hit[i - WINDOW_WORDS]!;
    const start = Math.max(0, i - WINDOW_WORDS + 1);
    if (hits > bestHits) {
      bestHits = hits;
      bestStart = start;
    }
  }
  // Start a little before the first hit in the window, so the match has context.
  const firstHit = hit.indexOf(1, bestStart);
  const start = firstHit >= 0 ? Math.max(0, Math.min(bestStart, firstHit - 6)) : 0;
  let snippet = words.slice(start, start + WINDOW_WORDS).join(" ");
  if (snippet.length > MAX_CHARS) snippet = snippet.slice(0, MAX_CHARS).replace(/\s+\S*$/, "");
  const prefix = start > 0 ? "… " : "";
  const suffix = start + WINDOW_WORDS < words.length || snippet.length >= MAX_CHARS ? " …" : "";
  return prefix + snippet + suffix;
}
