// A slip read twice — as it is and enlarged — keeps, line by line, the more confident of the
// readings: on the 60 scanned receipts, CER 0.201 → 0.187 and word recall 0.658 → 0.699 (with the
// 1.5× pass where it runs), with no OCR beyond the passes a receipt already gets (word by word
// scored worse). The first pass's lines, their order and their count stay, so its line numbers
// (citations) hold.
import { type LineBox, type Recognised, meanOf } from "./recognize.js";

/** How much of the longer of two spans they share, 0–1: each covers most of the other. */
function overlap(a0: number, a1: number, b0: number, b1: number): number {
  const longer = Math.max(1, a1 - a0, b1 - b0);
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)) / longer;
}

/**
 * Two boxes are one line read twice when each covers most of the other's height and width: a
 * reading of part of a line ("12.50" of "TOTAL 12.50") is no reading of the line.
 */
function sameLine(a: LineBox, b: LineBox): boolean {
  return overlap(a.y0, a.y1, b.y0, b.y1) > 0.5 && overlap(a.x0, a.x1, b.x0, b.x1) > 0.5;
}

/**
 * `first` with each line that one line of `enlarged` (read `scale` times larger) also holds, and
 * reads more confidently, in that reading. A line the other pass splits, merges or misses stays.
 */
export function moreConfidentLines(
  first: Recognised,
  enlarged: Recognised,
  scale: number,
): Recognised {
  const boxes = enlarged.boxes.map((b) => ({
    x0: b.x0 / scale,
    y0: b.y0 / scale,
    x1: b.x1 / scale,
    y1: b.y1 / scale,
  }));
  const lines = [...first.lines];
  const lineConfidences = [...first.lineConfidences];
  /** The one line of `among` lying where `box` does, or -1 for none or several. */
  const twinOf = (box: LineBox, among: readonly LineBox[]) => {
    const twins = among.flatMap((b, k) => (sameLine(box, b) ? [k] : []));
    return twins.length === 1 ? twins[0]! : -1;
  };
  first.boxes.forEach((box, i) => {
    // One to one: a line the other pass joins with its neighbour must not be taken twice.
    const j = twinOf(box, boxes);
    if (
      j >= 0 &&
      twinOf(boxes[j]!, first.boxes) === i &&
      enlarged.lineConfidences[j]! > lineConfidences[i]!
    ) {
      lines[i] = enlarged.lines[j]!;
      lineConfidences[i] = enlarged.lineConfidences[j]!;
    }
  });
  return { lines, lineConfidences, confidence: meanOf(lineConfidences), boxes: first.boxes };
}
