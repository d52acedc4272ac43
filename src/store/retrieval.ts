// Retrieval queries: FTS5 BM25 candidates, vector candidates (Hamming scan, exact cosine re-rank),
// and the chunk details a hit is presented with.
import { filterSql, hasFilters } from "./filter-sql.js";
import type { Statements } from "./statements.js";
import type { ActiveModel, ChunkDetail, RankedChunk, SearchFilters } from "./types.js";
import { vectorToBlob } from "./vectors.js";

/** BM25 weights of the FTS columns: title, heading path, body. */
export type ColumnWeights = readonly [title: number, heading: number, body: number];

export class Retrieval {
  constructor(private readonly sql: Statements) {}

  keyword(
    ftsQuery: string,
    weights: ColumnWeights,
    filters: SearchFilters,
    depth: number,
  ): RankedChunk[] {
    const bm25 = "bm25(chunks_fts, ?, ?, ?)";
    if (!hasFilters(filters)) {
      return this.sql
        .get(
          `SELECT rowid AS chunkId, -${bm25} AS score FROM chunks_fts
           WHERE chunks_fts MATCH ? ORDER BY score DESC LIMIT ?`,
        )
        .all(...weights, ftsQuery, depth) as RankedChunk[];
    }
    const where = filterSql(filters);
    return this.sql
      .get(
        `SELECT chunks_fts.rowid AS chunkId, -${bm25} AS score
         FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN files f ON f.id = c.file_id
         WHERE chunks_fts MATCH ? AND ${where.text}
         ORDER BY score DESC LIMIT ?`,
      )
      .all(...weights, ftsQuery, ...where.params, depth) as RankedChunk[];
  }

  semantic(
    model: ActiveModel,
    query: Float32Array,
    filters: SearchFilters,
    depth: number,
  ): RankedChunk[] {
    const blob = vectorToBlob(query);
    if (hasFilters(filters)) {
      // Filters usually leave few chunks, and a coarse top-k could miss them all: rank those exactly.
      const where = filterSql(filters);
      return this.sql
        .get(
          `SELECT c.id AS chunkId, 1 - vec_distance_cosine(e.vector, ?) AS score
           FROM chunks c JOIN files f ON f.id = c.file_id
           JOIN embeddings e ON e.model_id = ? AND e.hash = c.hash
           WHERE c.has_vector = 1 AND ${where.text}
           ORDER BY score DESC LIMIT ?`,
        )
        .all(blob, model.id, ...where.params, depth) as RankedChunk[];
    }
    const candidates = this.sql
      .get(`SELECT chunk_id FROM ${model.table} WHERE bits MATCH vec_quantize_binary(?) AND k = ?`)
      .pluck()
      .all(blob, depth) as number[];
    if (candidates.length === 0) return [];
    return this.sql
      .get(
        // CROSS JOIN fixes the join order: candidates first, so only they are scored.
        `SELECT c.id AS chunkId, 1 - vec_distance_cosine(e.vector, ?) AS score
         FROM json_each(?) AS j CROSS JOIN chunks c ON c.id = j.value
         CROSS JOIN embeddings e ON e.model_id = ? AND e.hash = c.hash
         ORDER BY score DESC`,
      )
      .all(blob, JSON.stringify(candidates), model.id) as RankedChunk[];
  }

  /** Which of these chunks match an FTS5 query: checks results found by meaning against phrases and exclusions. */
  matching(ftsQuery: string, ids: readonly number[]): Set<number> {
    if (ids.length === 0) return new Set();
    const rows = this.sql
      .get(
        `SELECT rowid FROM chunks_fts
         WHERE chunks_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(ftsQuery, JSON.stringify(ids)) as number[];
    return new Set(rows);
  }

  /**
   * How many chunks contain each word (as the index stems it), counted up to `cap`: past it a word
   * is common, and counting a long posting list to the end would cost more than the search.
   */
  chunkFrequencies(words: readonly string[], cap: number): Map<string, number> {
    const count = this.sql
      .get("SELECT count(*) FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)")
      .pluck();
    return new Map(words.map((w) => [w, count.get(`"${w.replaceAll('"', '""')}"`, cap) as number]));
  }

  /**
   * Files in the scope that failed to index, and those indexed in part (scanned pages left unread
   * while OCR is off): a search cannot find what is in them.
   */
  unreadFiles(filters: SearchFilters): { failed: number; partial: number } {
    const where = filterSql(filters);
    return this.sql
      .get(
        `SELECT count(*) FILTER (WHERE f.status = 'failed') AS failed,
                count(*) FILTER (WHERE f.status = 'indexed') AS partial
         FROM files f WHERE f.error IS NOT NULL AND ${where.text}`,
      )
      .get(...where.params) as { failed: number; partial: number };
  }

  /** The first chunk of each file named `key` (a nameKey of the query): a query that is a file's name. */
  filesNamed(key: string, filters: SearchFilters, limit: number): RankedChunk[] {
    const where = filterSql(filters);
    return this.sql
      .get(
        `SELECT MIN(c.id) AS chunkId, 0 AS score
         FROM file_names n JOIN files f ON f.id = n.file_id JOIN chunks c ON c.file_id = f.id
         WHERE n.name = ? AND ${where.text}
         GROUP BY f.id ORDER BY f.mtime_ms DESC LIMIT ?`,
      )
      .all(key, ...where.params, limit) as RankedChunk[];
  }

  details(ids: readonly number[]): Map<number, ChunkDetail> {
    if (ids.length === 0) return new Map();
    const rows = this.sql
      .get(
        `SELECT c.id, c.file_id AS fileId, c.heading, c.text, c.start_line AS startLine,
                c.end_line AS endLine, c.page, c.sheet, f.path, f.kind, f.title, f.mtime_ms AS mtimeMs,
                c.ocr_confidence AS ocrConfidence
         FROM chunks c JOIN files f ON f.id = c.file_id
         WHERE c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as ChunkDetail[];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
