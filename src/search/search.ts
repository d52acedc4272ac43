// Hybrid search: keyword and vector candidates, fused, grouped by file, with snippets and citations.
import type { Embedder } from "../embed/embedder.js";
import { HearthError } from "../errors.js";
import type { Store } from "../store/store.js";
import type { Location } from "../store/types.js";
import type { SearchFilters } from "./filters.js";
import { fuseReciprocalRank } from "./fuse.js";
import { queryTerms, toFtsQuery } from "./fts-query.js";
import { keywordSearch, type RankedChunk } from "./keyword.js";
import { semanticSearch } from "./semantic.js";
import { makeSnippet } from "./snippet.js";

export type SearchMode = "hybrid" | "keyword" | "semantic";

export interface SearchRequest {
  query: string;
  mode: SearchMode;
  limit: number;
  filters: SearchFilters;
  /** How many chunks one file may contribute; 1 keeps a page of results from being one file. */
  chunksPerFile: number;
}

export interface SearchHit {
  path: string;
  kind: string;
  title: string;
  heading: string;
  score: number;
  snippet: string;
  location: Location;
  modified: string;
  chunkId: number;
}

export interface SearchResponse {
  results: SearchHit[];
  mode: SearchMode;
  tookMs: number;
  /** Said when the search could not do what was asked (no model: keyword only). */
  notice?: string;
}

export interface SearchSettings {
  rrfK: number;
  candidates: number;
}

interface ChunkDetail {
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
}

export class Searcher {
  constructor(
    private readonly store: Store,
    private embedder: Embedder | null,
    private readonly settings: SearchSettings,
    /** Why there is no embedder, to tell the user once per answer that needs one. */
    private readonly noModelReason = "no embedding model is loaded",
  ) {}

  /** After a model switch: queries are embedded with the model whose vectors are now active. */
  useEmbedder(embedder: Embedder): void {
    this.embedder = embedder;
  }

  async search(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
    const started = performance.now();
    // Headroom over limit × chunksPerFile: grouping by file drops a file's extra chunks.
    const depth = Math.max(this.settings.candidates, request.limit * request.chunksPerFile * 2);
    let mode = request.mode;
    let notice: string | undefined;
    const model = this.embedder ? this.store.activeModel() : null;
    if (mode !== "keyword" && !model) {
      if (mode === "semantic") {
        throw new HearthError(
          "MODEL_MISSING",
          `semantic search needs an embedding model: ${this.noModelReason}`,
          "use --mode keyword, or install a model (see `hearth status`)",
        );
      }
      mode = "keyword";
      notice = `keyword results only: ${this.noModelReason}`;
    }
    const ftsQuery = mode === "semantic" ? null : toFtsQuery(request.query);
    const keyword = ftsQuery ? keywordSearch(this.store.db, ftsQuery, request.filters, depth) : [];
    let ranked: RankedChunk[] = keyword;
    if (mode !== "keyword" && model && this.embedder) {
      const vector = await this.embedder.embedQuery(request.query, signal);
      // A model switch completed while the query was embedded: its vectors are gone; ask again.
      if (this.store.activeModel()?.fingerprint !== model.fingerprint) {
        return this.search(request, signal);
      }
      const semantic = semanticSearch(this.store.db, model, vector, request.filters, depth);
      ranked =
        mode === "semantic"
          ? semantic
          : fuseReciprocalRank([keyword, semantic], this.settings.rrfK);
    }
    const results = this.present(ranked, request);
    const response: SearchResponse = { results, mode, tookMs: round(performance.now() - started) };
    if (notice) response.notice = notice;
    return response;
  }

  private present(ranked: readonly RankedChunk[], request: SearchRequest): SearchHit[] {
    const details = this.details(ranked.map((r) => r.chunkId));
    const perFile = new Map<number, number>();
    const terms = queryTerms(request.query);
    const hits: SearchHit[] = [];
    for (const { chunkId, score } of ranked) {
      if (hits.length >= request.limit) break;
      const d = details.get(chunkId);
      if (!d) continue;
      const used = perFile.get(d.fileId) ?? 0;
      if (used >= request.chunksPerFile) continue;
      perFile.set(d.fileId, used + 1);
      hits.push({
        path: d.path,
        kind: d.kind,
        title: d.title,
        heading: d.heading,
        score: round(score, 4),
        snippet: makeSnippet(d.text, terms),
        location: locationOf(d),
        modified: new Date(d.mtimeMs).toISOString(),
        chunkId,
      });
    }
    return hits;
  }

  private details(ids: readonly number[]): Map<number, ChunkDetail> {
    if (ids.length === 0) return new Map();
    const rows = this.store.db
      .prepare(
        `SELECT c.id, c.file_id AS fileId, c.heading, c.text, c.start_line AS startLine,
                c.end_line AS endLine, c.page, c.sheet, f.path, f.kind, f.title, f.mtime_ms AS mtimeMs
         FROM chunks c JOIN files f ON f.id = c.file_id
         WHERE c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as ChunkDetail[];
    return new Map(rows.map((r) => [r.id, r]));
  }
}

function locationOf(d: ChunkDetail): Location {
  if (d.page !== null) return { page: d.page };
  if (d.sheet !== null)
    return { sheet: d.sheet, startRow: d.startLine ?? 1, endRow: d.endLine ?? 1 };
  return { startLine: d.startLine ?? 1, endLine: d.endLine ?? 1 };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
