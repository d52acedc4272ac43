// Splits a segment into blocks (headings, paragraphs, fenced code) with line numbers and heading paths.
import type { TextSegment } from "../indexers/indexer.js";

export interface Block {
  text: string;
  startLine: number;
  endLine: number;
  /** Set for paged segments; line numbers then count within the page. */
  page: number | null;
  /** Set for spreadsheet segments; line numbers are then row numbers. */
  sheet: string | null;
  heading: string[];
  headingLevel: number; // 0 for non-heading blocks
  /** Fenced code: split by lines, never by sentences. */
  code: boolean;
  /** OCR's confidence in each line of the segment, which starts at line `first`. */
  ocr: { first: number; confidences: readonly number[] } | null;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

export function splitBlocks(segment: TextSegment, markdown: boolean): Block[] {
  const lines = segment.text.split(/\r\n|\r|\n/);
  const page = "page" in segment ? segment.page : null;
  const sheet = "sheet" in segment ? (segment.sheet ?? null) : null;
  const firstLine = "startLine" in segment ? segment.startLine : 1;
  const ocr = segment.lineConfidences
    ? { first: firstLine, confidences: segment.lineConfidences }
    : null;
  const blocks: Block[] = [];
  const headings: string[] = segment.heading ? [segment.heading] : [];
  let para: string[] = [];
  let paraStart = 0;
  let fence: string | null = null;

  const flush = (endIndex: number, code = false) => {
    if (para.length > 0 && para.some((l) => l.trim() !== "")) {
      blocks.push({
        text: para.join("\n"),
        startLine: firstLine + paraStart,
        endLine: firstLine + endIndex,
        page,
        sheet,
        heading: [...headings],
        headingLevel: 0,
        code,
        ocr,
      });
    }
    para = [];
  };

  lines.forEach((line, i) => {
    if (markdown && fence !== null) {
      para.push(line);
      if (line.trimStart().startsWith(fence)) {
        flush(i, true);
        fence = null;
      }
      return;
    }
    const fenceMatch = markdown ? FENCE.exec(line) : null;
    if (fenceMatch) {
      flush(i - 1);
      fence = fenceMatch[1]!;
      para = [line];
      paraStart = i;
      return;
    }
    const heading = markdown ? HEADING.exec(line) : null;
    if (heading) {
      flush(i - 1);
      const level = heading[1]!.length;
      headings.length = Math.min(headings.length, level - 1 + (segment.heading ? 1 : 0));
      headings.push(heading[2]!);
      blocks.push({
        text: line,
        startLine: firstLine + i,
        endLine: firstLine + i,
        page,
        sheet,
        heading: [...headings],
        headingLevel: level,
        code: false,
        ocr,
      });
      return;
    }
    if (line.trim() === "") {
      flush(i - 1);
      return;
    }
    if (para.length === 0) paraStart = i;
    para.push(line);
  });
  flush(lines.length - 1, fence !== null);
  return blocks;
}
