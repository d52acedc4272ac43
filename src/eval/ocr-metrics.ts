// How close recognised text is to the truth, as the OCR evaluation measures it: both upper-cased,
// runs of whitespace collapsed to one space; character error rate (edit distance over the truth's
// length) and word recall (the truth's words found, as a multiset).

export function normalizeForCer(text: string): string {
  return text.toUpperCase().replace(/\s+/g, " ").trim();
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitute, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

export interface OcrScore {
  /** Edit distance between the normalized texts. */
  distance: number;
  /** Length of the normalized truth. */
  truthLength: number;
  cer: number;
  wordRecall: number;
}

export function scoreOcr(truth: string, recognised: string): OcrScore {
  const t = normalizeForCer(truth);
  const r = normalizeForCer(recognised);
  const distance = editDistance(t, r);
  const found = new Map<string, number>();
  for (const word of r.split(" ")) found.set(word, (found.get(word) ?? 0) + 1);
  const words = t === "" ? [] : t.split(" ");
  let hits = 0;
  for (const word of words) {
    const left = found.get(word) ?? 0;
    if (left > 0) {
      hits++;
      found.set(word, left - 1);
    }
  }
  return {
    distance,
    truthLength: t.length,
    cer: t.length === 0 ? 0 : distance / t.length,
    wordRecall: words.length === 0 ? 1 : hits / words.length,
  };
}
