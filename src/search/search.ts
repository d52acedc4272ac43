// Hybrid search: keyword and vector candidates, fused, grouped by file, with snippets and citations.
import type { ModelInUse } from "../embed/model-in-use.js";
import type { Reranker, RerankSettings } from "../embed/reranker.js";
import { HearthError } from "../errors.js";
import { nameKey } from "../store/name-keys.js";
import type { ColumnWeights } from "../store/retrieval.js";
import type { Store } from "../store/store.js";
import type { ChunkDetail, Location, RankedChunk, SearchFilters } from "../store/types.js";
import { feedbackTerms } from "./feedback.js";
import { fuseReciprocalRank } from "./fuse.js";
import {
  constraintQueries,
  highlightTerms,
  parseQuery,
  repeatedAsOften,
  toFtsQuery,
  type ParsedQuery,
} from "./fts-query.js";
import { fingerprint, nearDuplicates, type Fingerprint } from "./near-duplicates.js";
import { makeSnippet } from "./snippet.js";

export type { SearchFilters };

/** BM25 weights: a match in a document's title or section heading says more than one in the body. */
const KEYWORD_WEIGHTS: ColumnWeights = [2.0, 1.5, 1.0];
/** How many of the results already shown a new one is compared with, for near-duplicates. */
const DUPLICATE_LOOKBACK = 10;
/** Duplicates are folded among the first results only: what people read, at a bounded cost. */
const DUPLICATE_SCOPE = 20;
/** FTS5's cost grows with every OR-ed term: a longer query keeps its rarest, most telling words. */
const MAX_TERMS = 32;
/**
 * A query this long is a pasted passage, and a passage says what it is about by repeating it: each
 * of its words counts as often as it occurs, up to REPEATS_COUNTED times. Shorter queries repeat a
 * word by chance, and keep counting each once.
 */
const PASSAGE_TERMS = 16;
const REPEATS_COUNTED = 3;
/** Counting a word's chunks stops here: more is common, and the order among common words matters little. */
const FREQUENCY_CAP = 1000;
/** Feedback: the first results read for more words, how many words they give, and their weight. */
const FEEDBACK_DOCUMENTS = 5;
const FEEDBACK_TERMS = 10;
const FEEDBACK_WEIGHT = 0.3;
/**
 * Feedback is for queries that describe (an agent's question, a pasted claim); shorter ones are the
 * words people know are in the file, and their order stays the words' own.
 */
const FEEDBACK_MIN_TERMS = 4;
/** A query longer than this is not a file's name. */
const NAME_MAX_WORDS = 8;

export type SearchMode = "hybrid" | "keyword" | "semantic";

export interface SearchRequest {
  query: string;
  mode: SearchMode;
  limit: number;
  filters: SearchFilters;
  /** How many chunks one file may contribute; 1 keeps a page of results from being one file. */
  chunksPerFile: number;
  /** "date": the same relevant results, newest first. */
  sort?: "relevance" | "date";
  /** Rerank the top results (true), or not (false); unset follows search.rerank.enabled. */
  rerank?: boolean;
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
  /** The reranker's relevance probability, for the hits it re-scored. */
  rerankScore?: number;
  /** Other files holding the same thing (a copy, an export): shown once, here. */
  alsoIn?: string[];
  /** The text was recognised by OCR (a scan, a photo), with this mean confidence (0–100). */
  ocr?: { confidence: number };
}

/** Whether reranking ran, over how many results, and why not when it did not. */
export interface RerankReport {
  ran: boolean;
  reranked: number;
  ms: number;
  reason?: string;
}

export interface SearchResponse {
  results: SearchHit[];
  mode: SearchMode;
  tookMs: number;
  /** Said when the search could not do what was asked (no model: keyword only). */
  notice?: string;
  /** Present when reranking was asked for or is on by default. */
  rerank?: RerankReport;
}

export interface SearchSettings {
  rrfK: number;
  candidates: number;
}

/** Progress of a search that takes a while (reranking): done of total steps, and what it does. */
export type SearchProgress = (done: number, total: number, message: string) => void;

export interface SearcherOptions {
  store: Store;
  model: ModelInUse;
  settings: SearchSettings;
  reranker?: Reranker | null;
  rerankSettings?: RerankSettings | null;
}

export class Searcher {
  private readonly store: Store;
  private readonly model: ModelInUse;
  private readonly settings: SearchSettings;
  private readonly reranker: Reranker | null;
  private readonly rerankSettings: RerankSettings | null;

  constructor(options: SearcherOptions) {
    this.store = options.store;
    this.model = options.model;
    this.settings = options.settings;
    this.reranker = options.reranker ?? null;
    this.rerankSettings = options.rerankSettings ?? null;
  }

  async search(
    request: SearchRequest,
    signal?: AbortSignal,
    onProgress?: SearchProgress,
  ): Promise<SearchResponse> {
    const started = performance.now();
    // Headroom over limit × chunksPerFile: grouping by file drops a file's extra chunks.
    const depth = Math.max(this.settings.candidates, request.limit * request.chunksPerFile * 2);
    let mode = request.mode;
    let notice: string | undefined;
    const embedder = this.model.current;
    const model = embedder ? this.store.vectors.activeModel() : null;
    const noModelReason = this.model.notice ?? "no embedding model is loaded";
    if (mode !== "keyword" && !model) {
      if (mode === "semantic") {
        throw new HearthError(
          "MODEL_MISSING",
          `semantic search needs an embedding model: ${noModelReason}`,
          "use --mode keyword, or install a model (see `hearth status`)",
        );
      }
      mode = "keyword";
      notice = `keyword results only: ${noModelReason}`;
    }
    const query = parseQuery(request.query);
    const { retrieval } = this.store;
    const keyword = mode === "semantic" ? [] : this.keyword(query, request.filters, depth);
    let ranked: RankedChunk[] = keyword;
    if (mode !== "keyword" && model && embedder) {
      const vector = await embedder.embedQuery(query.semanticText || request.query, signal);
      // A model switch completed while the query was embedded: its vectors are gone; ask again.
      if (this.store.vectors.activeModel()?.fingerprint !== model.fingerprint) {
        return this.search(request, signal, onProgress);
      }
      const semantic = this.obeying(
        query,
        retrieval.semantic(model, vector, request.filters, depth),
      );
      ranked =
        mode === "semantic"
          ? semantic
          : fuseReciprocalRank([keyword, semantic], this.settings.rrfK);
    }
    ranked = this.namedFirst(query, request.filters, ranked);
    const wantsRerank = request.rerank ?? this.rerankSettings?.byDefault ?? false;
    const depth2 = wantsRerank
      ? Math.max(request.limit, this.rerankSettings?.candidates ?? 0)
      : request.limit;
    let results = this.present(ranked, highlightTerms(query), { ...request, limit: depth2 });
    let rerank: RerankReport | undefined;
    if (wantsRerank)
      ({ results, report: rerank } = await this.rerank(request.query, results, signal, onProgress));
    results = results.slice(0, request.limit);
    if (request.sort === "date") results.sort((a, b) => b.modified.localeCompare(a.modified));
    const response: SearchResponse = {
      results,
      mode,
      tookMs: round(performance.now() - started),
    };
    if (notice) response.notice = notice;
    if (rerank) response.rerank = rerank;
    return response;
  }

  /**
   * BM25 over the query's words, then again over the words its best results share (pseudo-relevance
   * feedback), added at a lower weight: of the documents with the query's words, those that also
   * say what the best ones say rise.
   * Phrases and exclusions bind both passes.
   */
  private keyword(query: ParsedQuery, filters: SearchFilters, depth: number): RankedChunk[] {
    const { retrieval } = this.store;
    let terms = query.terms;
    if (terms.length > MAX_TERMS) {
      // A word no chunk holds (a typo, a name never written down) matches nothing: it goes last.
      const frequency = retrieval.chunkFrequencies(terms, FREQUENCY_CAP);
      const rarity = (t: string) => frequency.get(t) || Infinity;
      terms = [...terms].sort((a, b) => rarity(a) - rarity(b)).slice(0, MAX_TERMS);
    }
    if (terms.length >= PASSAGE_TERMS) {
      terms = repeatedAsOften(query, terms, REPEATS_COUNTED);
    }
    const ftsQuery = toFtsQuery({ ...query, terms });
    if (!ftsQuery) return [];
    const first = retrieval.keyword(ftsQuery, KEYWORD_WEIGHTS, filters, depth);
    if (terms.length < FEEDBACK_MIN_TERMS) return first;
    const top = first.slice(0, FEEDBACK_DOCUMENTS);
    const texts = this.details(top.map((r) => r.chunkId));
    const documents = top.flatMap(({ chunkId, score }) => {
      const d = texts.get(chunkId);
      return d ? [{ text: `${d.title}\n${d.heading}\n${d.text}`, score }] : [];
    });
    const own = [...query.terms, ...query.phrases.flat()];
    const expansion = feedbackTerms(documents, own, FEEDBACK_TERMS);
    if (expansion.length === 0) return first;
    // Only results with the query's own words: feedback reorders them and brings in nothing else.
    // BM25 sums over a query's phrases, so a result's feedback score is the pair's less its own.
    const both = `(${toFtsQuery({ ...query, terms: expansion, phrases: [], excluded: [] })}) AND (${ftsQuery})`;
    const scores = new Map(first.map((r) => [r.chunkId, r.score]));
    for (const { chunkId, score } of retrieval.keyword(both, KEYWORD_WEIGHTS, filters, depth)) {
      const base = scores.get(chunkId);
      if (base !== undefined) scores.set(chunkId, base + FEEDBACK_WEIGHT * (score - base));
    }
    return [...scores]
      .map(([chunkId, score]) => ({ chunkId, score }))
      .sort((a, b) => b.score - a.score);
  }

  /**
   * Re-scores the top hits with the reranker, best first, until the time budget is spent; hits it
   * did not reach keep their fused order after the ones it did.
   */
  private async rerank(
    query: string,
    hits: SearchHit[],
    signal?: AbortSignal,
    onProgress?: SearchProgress,
  ): Promise<{ results: SearchHit[]; report: RerankReport }> {
    const settings = this.rerankSettings;
    if (!this.reranker || !settings) {
      const reason = settings?.unavailable ?? "no reranker is configured";
      return { results: hits, report: { ran: false, reranked: 0, ms: 0, reason } };
    }
    const started = performance.now();
    const candidates = hits.slice(0, settings.candidates);
    const texts = this.details(candidates.map((h) => h.chunkId));
    const scored: SearchHit[] = [];
    for (const hit of candidates) {
      if (performance.now() - started >= settings.budgetMs) break;
      signal?.throwIfAborted();
      const d = texts.get(hit.chunkId);
      const passage = d ? (d.heading ? `${d.heading}\n${d.text}` : d.text) : hit.snippet;
      scored.push({ ...hit, rerankScore: round(await this.reranker.score(query, passage), 4) });
      onProgress?.(
        scored.length,
        candidates.length,
        `reranked ${scored.length} of ${candidates.length}`,
      );
    }
    scored.sort((a, b) => b.rerankScore! - a.rerankScore!);
    const ms = round(performance.now() - started);
    const report: RerankReport = { ran: scored.length > 0, reranked: scored.length, ms };
    if (scored.length < candidates.length) {
      report.reason = `time budget (search.rerank.budgetMs ${settings.budgetMs}) spent after ${scored.length} of ${candidates.length}`;
    }
    return { results: [...scored, ...hits.slice(scored.length)], report };
  }

  /**
   * A query that is a file's name (with or without its extension) or its title puts that file first:
   * people search their own files by what they called them.
   */
  private namedFirst(
    query: ParsedQuery,
    filters: SearchFilters,
    ranked: RankedChunk[],
  ): RankedChunk[] {
    const key = nameKey(query.semanticText);
    if (!key || key.split(" ").length > NAME_MAX_WORDS) return ranked;
    const chunks = this.obeying(query, this.store.retrieval.filesNamed(key, filters, 20));
    if (chunks.length === 0) return ranked;
    const top = ranked[0]?.score ?? 1;
    // Just above the best score, in the order found: shown with the same rounded score.
    const first = chunks.map((c, i) => ({
      chunkId: c.chunkId,
      score: top + (chunks.length - i) * 1e-9,
    }));
    const taken = new Set(first.map((c) => c.chunkId));
    return [...first, ...ranked.filter((r) => !taken.has(r.chunkId))];
  }

  /** Results found by meaning still honour the query's "phrases" and -exclusions. */
  private obeying(query: ParsedQuery, ranked: RankedChunk[]): RankedChunk[] {
    const { required, excluded } = constraintQueries(query);
    const ids = ranked.map((r) => r.chunkId);
    const matched = required ? this.store.retrieval.matching(required, ids) : null;
    const unwanted = excluded ? this.store.retrieval.matching(excluded, ids) : null;
    return ranked.filter((r) => (!matched || matched.has(r.chunkId)) && !unwanted?.has(r.chunkId));
  }

  private present(
    ranked: readonly RankedChunk[],
    terms: readonly string[],
    request: SearchRequest,
  ): SearchHit[] {
    const details = this.details(ranked.map((r) => r.chunkId));
    const mtime = (id: number) => details.get(id)?.mtimeMs ?? 0;
    // Equally relevant: the newer file first (notes rewritten over time keep their latest on top).
    const ordered = [...ranked].sort(
      (a, b) =>
        b.score - a.score ||
        (b.standout ?? 0) - (a.standout ?? 0) ||
        mtime(b.chunkId) - mtime(a.chunkId),
    );
    const perFile = new Map<number, number>();
    const hits: SearchHit[] = [];
    const shown: Fingerprint[] = [];
    for (const { chunkId, score } of ordered) {
      if (hits.length >= request.limit) break;
      const d = details.get(chunkId);
      if (!d) continue;
      const used = perFile.get(d.fileId) ?? 0;
      if (used >= request.chunksPerFile) continue;
      perFile.set(d.fileId, used + 1);
      if (hits.length < DUPLICATE_SCOPE) {
        const print = fingerprint(d.path, d.text);
        // Duplicates rank close together: the last few results shown are enough to look back on.
        const first = shown.findLastIndex(
          (p, i) => i >= shown.length - DUPLICATE_LOOKBACK && nearDuplicates(p, print),
        );
        if (first >= 0) {
          const original = hits[first]!;
          if (original.path !== d.path && !original.alsoIn?.includes(d.path)) {
            (original.alsoIn ??= []).push(d.path);
          }
          continue;
        }
        shown.push(print);
      }
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
        ...(d.ocrConfidence !== null ? { ocr: { confidence: d.ocrConfidence } } : {}),
      });
    }
    return hits;
  }

  private details(ids: readonly number[]): Map<number, ChunkDetail> {
    return this.store.retrieval.details(ids);
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
