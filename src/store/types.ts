// Row shapes the store reads and writes.
import type { ExtractedTable } from "../tables/types.js";

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
}

/** Where a chunk came from: a line range for text, a page for paged documents, rows of a sheet. */
export type Location =
  | { startLine: number; endLine: number }
  | { page: number }
  | { sheet: string; startRow: number; endRow: number };

export interface ChunkRow {
  ordinal: number;
  heading: string;
  text: string;
  location: Location;
  /** Hash of the exact text that is embedded (heading context included). */
  hash: string;
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
  chunks: readonly ChunkRow[];
  /** The model the vectors came from (null: none): they are stored only if it is still the active one. */
  vectorModel: string | null;
  /** Typed tables of a statement or spreadsheet; replaced with the chunks. */
  tables?: readonly ExtractedTable[];
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
