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

/** A line of ground truth where it lies on the page (a box's left edge, top and bottom). */
export interface TextBox {
  left: number;
  top: number;
  bottom: number;
  text: string;
}

/**
 * The boxes' text in the order a reader takes it: rows top to bottom, each left to right. A box
 * joins the first row whose middle is within half the box's height of its own. Some ground truth
 * lists a receipt's boxes column by column (every code, then every price); against that, text read
 * row by row scores errors that are only the order.
 */
export function inReadingOrder(boxes: readonly TextBox[]): string {
  const middle = (b: TextBox) => (b.top + b.bottom) / 2;
  const rows: { middle: number; boxes: TextBox[] }[] = [];
  for (const box of [...boxes].sort((a, b) => middle(a) - middle(b))) {
    const row = rows.find((r) => Math.abs(r.middle - middle(box)) < (box.bottom - box.top) / 2);
    if (row) row.boxes.push(box);
    else rows.push({ middle: middle(box), boxes: [box] });
  }
  return rows
    .map((r) =>
      r.boxes
        .sort((a, b) => a.left - b.left)
        .map((b) => b.text)
        .join(" "),
    )
    .join("\n");
}
