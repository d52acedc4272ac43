// Token-bounded, structure-aware chunking: breaks at headings, paragraphs and sentence ends, with overlap.
import { createHash } from "node:crypto";
import type { ChunkingConfig } from "../config/schema.js";
import type { ExtractedDoc } from "../indexers/indexer.js";
import type { Chunk, Location } from "./types.js";
import { splitBlocks, type Block } from "./blocks.js";
import { estimateTokens } from "./tokens.js";

/** Bump when chunk boundaries or text change for the same input: the index fingerprint includes it. */
export const CHUNKER_VERSION = 2;

export function chunkerSignature(c: ChunkingConfig): string {
  return `chunker v${CHUNKER_VERSION} (target ${c.targetTokens}, overlap ${c.overlapTokens}, min ${c.minTokens} tokens)`;
}

/** A unit the packer never splits: a sentence, a code line, a heading. */
interface Piece {
  text: string;
  tokens: number;
  startLine: number;
  endLine: number;
  page: number | null;
  sheet: string | null;
  heading: string[];
  /** Joined to the previous piece with a space (same paragraph) rather than a blank line. */
  inline: boolean;
  /** OCR's confidence summed over the piece's lines, and how many lines. */
  ocr: { sum: number; lines: number } | null;
}

function ocrOf(block: Block, startLine: number, endLine: number): Piece["ocr"] {
  if (!block.ocr) return null;
  const { first, confidences } = block.ocr;
  const lines = confidences.slice(startLine - first, endLine - first + 1);
  return { sum: lines.reduce((a, c) => a + c, 0), lines: lines.length };
}

const SENTENCE_END = /(?<=[.!?…。！？]["')\]]*)\s+(?=\S)/gu;

function linesBefore(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Splits text into spans at the given boundary pattern, with their line offsets. */
function spans(text: string, boundary: RegExp): { text: string; line0: number; line1: number }[] {
  const out: { text: string; line0: number; line1: number }[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) {
      const line0 = linesBefore(text, start + lead);
      out.push({ text: body, line0, line1: line0 + linesBefore(body, body.length) });
    }
  };
  for (const m of text.matchAll(boundary)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

/** Words of a span too long for one chunk, cut into windows of at most `max` tokens. */
function wordWindows(text: string, max: number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const word of text.split(/\s+/)) {
    const t = estimateTokens(word);
    if (tokens + t > max && current.length > 0) {
      out.push(current.join(" "));
      current = [];
      tokens = 0;
    }
    current.push(word);
    tokens += t;
  }
  if (current.length > 0) out.push(current.join(" "));
  return out;
}

function piecesOf(block: Block, target: number): Piece[] {
  const tokens = estimateTokens(block.text);
  const base = { page: block.page, sheet: block.sheet, heading: block.heading };
  if (tokens <= target) {
    return [
      {
        ...base,
        text: block.text,
        tokens,
        startLine: block.startLine,
        endLine: block.endLine,
        inline: false,
        ocr: ocrOf(block, block.startLine, block.endLine),
      },
    ];
  }
  const parts = spans(block.text, block.code ? /\n/g : SENTENCE_END);
  return parts.flatMap((part, i) =>
    wordWindows(part.text, target).map((text, j) => ({
      ...base,
      text,
      tokens: estimateTokens(text),
      startLine: block.startLine + part.line0,
      endLine: block.startLine + part.line1,
      inline: i > 0 || j > 0,
      ocr: ocrOf(block, block.startLine + part.line0, block.startLine + part.line1),
    })),
  );
}

function joinPieces(pieces: readonly Piece[]): string {
  return pieces.map((p, i) => (i === 0 ? p.text : (p.inline ? " " : "\n\n") + p.text)).join("");
}

function locationOf(pieces: readonly Piece[]): Location {
  const first = pieces[0]!;
  const end = Math.max(...pieces.map((p) => p.endLine));
  if (first.page !== null) return { page: first.page };
  if (first.sheet !== null) return { sheet: first.sheet, startRow: first.startLine, endRow: end };
  return { startLine: first.startLine, endLine: end };
}

/** The text that is embedded: the heading path gives a chunk its context. It is also what the hash covers. */
export function embeddingText(heading: string, text: string): string {
  return heading ? `${heading}\n\n${text}` : text;
}

export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

export function chunkDocument(doc: ExtractedDoc, config: ChunkingConfig): Chunk[] {
  // A segment (a page, a message, a group of rows) is a unit: chunks never span two.
  const blocks = doc.segments.flatMap((segment, segmentIndex) =>
    splitBlocks(segment, doc.structure === "markdown").map((block, i) => {
      if (doc.structure === "code") block.code = true; // split long definitions by lines, never mid-line
      return {
        block,
        pieces: piecesOf(block, config.targetTokens),
        startsSegment: i === 0 && segmentIndex > 0,
      };
    }),
  );
  const chunks: Chunk[] = [];
  let current: Piece[] = [];
  let tokens = 0;

  const emit = () => {
    if (current.length === 0) return;
    const heading = current[0]!.heading.join(" > ");
    const text = joinPieces(current);
    const ocr = current.reduce(
      (a, p) => (p.ocr ? { sum: a.sum + p.ocr.sum, lines: a.lines + p.ocr.lines } : a),
      { sum: 0, lines: 0 },
    );
    chunks.push({
      ordinal: chunks.length,
      heading,
      text,
      location: locationOf(current),
      hash: hashText(embeddingText(heading, text)),
      ...(ocr.lines > 0 ? { ocrConfidence: Math.round(ocr.sum / ocr.lines) } : {}),
    });
  };

  /** Starts the next chunk with the previous one's tail, when it continues the same section and page. */
  const startNext = (next: Piece) => {
    const tail: Piece[] = [];
    let tailTokens = 0;
    for (let i = current.length - 1; i > 0; i--) {
      const p = current[i]!;
      if (tailTokens + p.tokens > config.overlapTokens) break;
      tail.unshift(p);
      tailTokens += p.tokens;
    }
    const sameContext = (p: Piece) =>
      p.page === next.page && p.heading.join() === next.heading.join();
    current = tail.every(sameContext) ? tail : [];
    tokens = current.reduce((n, p) => n + p.tokens, 0);
  };

  for (const { block, pieces: blockPieces, startsSegment } of blocks) {
    if ((block.headingLevel > 0 && tokens >= config.minTokens) || startsSegment) {
      emit();
      current = [];
      tokens = 0;
    }
    for (const piece of blockPieces) {
      if (tokens + piece.tokens > config.targetTokens && current.length > 0) {
        emit();
        startNext(piece);
      }
      current.push(piece);
      tokens += piece.tokens;
    }
  }
  emit();
  return chunks;
}
