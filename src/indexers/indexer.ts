// The Indexer seam: one per file kind, turning a file's bytes into text segments that know where
// they came from.
import { HearthError } from "../errors.js";
import type { ExtractedTable } from "../tables/types.js";

/**
 * A run of text and where it starts: a line (text files) or a page (paged documents). `heading`
 * gives every chunk of the segment its context (a table's header row, say) without counting as a line.
 */
export type TextSegment = (
  | { text: string; startLine: number; sheet?: string } // with a sheet, lines are the sheet's rows
  | { text: string; page: number }
) & {
  heading?: string;
  /** Text recognised by OCR: Tesseract's confidence (0–100) in each of its lines, for its chunks. */
  lineConfidences?: readonly number[];
};

export interface ExtractedDoc {
  kind: string;
  /** Title found in the content (a markdown H1, front matter); "" when there is none. */
  title: string;
  /** "markdown": break at headings, keep fenced code together; "code": never split a line. */
  structure: "markdown" | "plain" | "code";
  segments: TextSegment[];
  /** Typed tables (statements, spreadsheets) for structured queries, beside the text. */
  tables?: ExtractedTable[];
  /** Set when the text was recognised by OCR: Tesseract's mean confidence, 0–100. */
  ocr?: { confidence: number };
  /** What of the file was left unread, and why (scanned pages while OCR is off). */
  unread?: string;
}

/** Ends the reason a file needing OCR was left unread: with OCR on again, such files are read. */
export const OCR_OFF = "not indexed: OCR is off (ocr.enabled)";

/** How images are read: by OCR in these languages (tesseract codes), or not at all. */
export interface OcrSettings {
  enabled: boolean;
  languages: readonly string[];
}

/**
 * A file as it was read, once, by whoever checked that it may be read: indexers never open files,
 * so what they see is exactly what was checked.
 */
export interface ExtractInput {
  path: string;
  bytes: Uint8Array;
  /** The file's modification time: dates without a year are read relative to it. */
  mtimeMs: number;
  /** Given by the extractor to the kinds that need it (images). */
  ocr?: OcrSettings;
  /**
   * Read in the fast lane: a document found to need OCR (a scanned PDF) is not read now but
   * refused with OcrLater, for the slow lane, so it never holds up a saved note.
   */
  ocrLater?: boolean;
}

export interface Indexer {
  /** Lower-case extensions with the dot, e.g. ".md". */
  readonly extensions: readonly string[];
  /** Parses a complex format: run in a worker thread with time and memory limits. */
  readonly isolated?: boolean;
  /** Slow to read (OCR): queued behind other kinds, so it never holds up a saved note. */
  readonly slowLane?: boolean;
  /** An isolated kind whose line numbers are the file's own lines (CSV): `read` shows the file itself. */
  readonly citesFileLines?: boolean;
  extract(input: ExtractInput, signal: AbortSignal): Promise<ExtractedDoc>;
}

/** An expected reason a file cannot be indexed (binary, damaged, encrypted); stored as the file's status. */
export class ExtractError extends HearthError {
  override name = "ExtractError";

  constructor(message: string) {
    super("EXTRACT_FAILED", message);
  }
}

/** The file needs OCR and was read in the fast lane (ExtractInput.ocrLater): read it in the slow one. */
export class OcrLater extends ExtractError {
  override name = "OcrLater";
}
