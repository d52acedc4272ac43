// Keyword retrieval: FTS5 BM25 over title, heading path and body.
import type Database from "better-sqlite3";
import { filterSql, hasFilters, type SearchFilters } from "./filters.js";

export interface RankedChunk {
  chunkId: number;
  score: number;
}

/** BM25 column weights: a match in a document's title or section heading says more than one in the body. */
const WEIGHTS = "2.0, 1.5, 1.0";

export function keywordSearch(
  db: Database.Database,
  ftsQuery: string,
  filters: SearchFilters,
  depth: number,
): RankedChunk[] {
  if (!hasFilters(filters)) {
    return db
      .prepare(
        `SELECT rowid AS chunkId, -bm25(chunks_fts, ${WEIGHTS}) AS score FROM chunks_fts
         WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, ${WEIGHTS}) LIMIT ?`,
      )
      .all(ftsQuery, depth) as RankedChunk[];
  }
  const where = filterSql(filters);
  return db
    .prepare(
      `SELECT chunks_fts.rowid AS chunkId, -bm25(chunks_fts, ${WEIGHTS}) AS score
       FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN files f ON f.id = c.file_id
       WHERE chunks_fts MATCH ? AND ${where.sql}
       ORDER BY bm25(chunks_fts, ${WEIGHTS}) LIMIT ?`,
    )
    .all(ftsQuery, ...where.params, depth) as RankedChunk[];
}
