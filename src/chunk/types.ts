// What the chunker produces: a chunk of text, where it came from, and the hash of what is embedded.

/** Where a chunk came from: a line range for text, a page for paged documents, rows of a sheet. */
export type Location =
  | { startLine: number; endLine: number }
  | { page: number }
  | { sheet: string; startRow: number; endRow: number };

export interface Chunk {
  ordinal: number;
  heading: string;
  text: string;
  location: Location;
  /** Hash of the exact text that is embedded (heading context included). */
  hash: string;
  /** Recognised by OCR: Tesseract's mean confidence over the chunk's lines, 0–100. */
  ocrConfidence?: number;
}
