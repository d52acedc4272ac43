// Vector retrieval: a Hamming scan over sign bits picks candidates, exact cosine on float vectors ranks them.
import type Database from "better-sqlite3";
import type { ActiveModel } from "../store/types.js";
import { vectorToBlob } from "../store/vectors.js";
import { filterSql, hasFilters, type SearchFilters } from "./filters.js";
import type { RankedChunk } from "./keyword.js";

export function semanticSearch(
  db: Database.Database,
  model: ActiveModel,
  query: Float32Array,
  filters: SearchFilters,
  depth: number,
): RankedChunk[] {
  const blob = vectorToBlob(query);
  if (hasFilters(filters)) {
    // Filters usually leave few chunks, and a coarse top-k could miss them all: rank those exactly.
    const where = filterSql(filters);
    return db
      .prepare(
        `SELECT c.id AS chunkId, 1 - vec_distance_cosine(e.vector, ?) AS score
         FROM chunks c JOIN files f ON f.id = c.file_id
         JOIN embeddings e ON e.model_id = ? AND e.hash = c.hash
         WHERE c.has_vector = 1 AND ${where.sql}
         ORDER BY score DESC LIMIT ?`,
      )
      .all(blob, model.id, ...where.params, depth) as RankedChunk[];
  }
  const candidates = db
    .prepare(
      `SELECT chunk_id FROM ${model.table} WHERE bits MATCH vec_quantize_binary(?) AND k = ?`,
    )
    .pluck()
    .all(blob, depth) as number[];
  if (candidates.length === 0) return [];
  return db
    .prepare(
      // CROSS JOIN fixes the join order: candidates first, so only they are scored.
      `SELECT c.id AS chunkId, 1 - vec_distance_cosine(e.vector, ?) AS score
       FROM json_each(?) AS j CROSS JOIN chunks c ON c.id = j.value
       CROSS JOIN embeddings e ON e.model_id = ? AND e.hash = c.hash
       ORDER BY score DESC`,
    )
    .all(blob, JSON.stringify(candidates), model.id) as RankedChunk[];
}
