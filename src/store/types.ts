// Row shapes the store reads and writes, and the filters its queries take.
import type { Chunk, Location } from "../chunk/types.js";
import type { ExtractedTable } from "../tables/types.js";

export type { Chunk, Location };

/** A SQL fragment and its parameters; values never become SQL text. */
export interface Sql {
  text: string;
  params: unknown[];
}

export type FileStatus = "indexed" | "failed";

export interface FileRecord {
  id: number;
  rootId: number;
  path: string;
  kind: string;
  size: number;
  mtimeMs: number;
  contentHash: string;
  status: FileStatus;
  error: string | null;
  title: string;
  indexedAt: number;
  /** Set when the text was recognised by OCR: its mean confidence, 0–100. */
  ocrConfidence: number | null;
}

export interface FileStat {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface IndexedFileWrite extends FileStat {
  rootId: number;
  kind: string;
  contentHash: string;
  title: string;
  chunks: readonly Chunk[];
  /** The model the vectors came from (null: none): they are stored only if it is still the active one. */
  vectorModel: string | null;
  /** Typed tables of a statement or spreadsheet; replaced with the chunks. */
  tables?: readonly ExtractedTable[];
  /** Set when the text was recognised by OCR: its mean confidence, 0–100. */
  ocrConfidence?: number | null;
  /** What of the file was left unread, and why: kept in `error` of an indexed file. */
  unread?: string | null;
}

export interface FailedFileWrite extends FileStat {
  rootId: number;
  kind: string;
  contentHash: string;
  error: string;
}

export interface ActiveModel {
  id: number;
  fingerprint: string;
  dimensions: number;
  /** The vec0 table holding its vectors' sign bits. */
  table: string;
}

export interface RootRecord {
  id: number;
  path: string;
  addedAt: number;
}

/** Which files a search or listing considers: applied inside the queries, never after the fact. */
export interface SearchFilters {
  /** Absolute folder or file path; matches itself and everything below it, never a sibling like "notes-old". */
  pathPrefix?: string;
  /** Only files under one of these folders (the roots a caller may see). */
  within?: readonly string[];
  kinds?: readonly string[];
  /** Modified at or after, epoch ms. */
  after?: number;
  /** Modified before, epoch ms. */
  before?: number;
}

/** A chunk that still needs a vector. */
export interface PendingChunk {
  id: number;
  hash: string;
  text: string;
  heading: string;
}

/** A retrieval candidate: a chunk and its score in one list. */
export interface RankedChunk {
  chunkId: number;
  score: number;
  /**
   * Fused lists only: how far the chunk's own scores stand above the rest of each list that found
   * it, in standard deviations. Breaks ties of fused score (before recency).
   */
  standout?: number;
}

/** A chunk with its file, for presenting a hit. */
export interface ChunkDetail {
  id: number;
  fileId: number;
  heading: string;
  text: string;
  startLine: number | null;
  endLine: number | null;
  page: number | null;
  sheet: string | null;
  path: string;
  kind: string;
  title: string;
  mtimeMs: number;
  ocrConfidence: number | null;
}
