// `hearth search QUERY`: hybrid, keyword or semantic search with filters; human or JSON output.
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import type { SearchFilters } from "../../search/filters.js";
import type { SearchHit, SearchRequest, SearchResponse } from "../../search/search.js";
import { loadConfig } from "../../config/load-config.js";
import { resolveHearthPaths } from "../../config/paths.js";
import { findDaemon } from "../daemon-client.js";
import {
  parseDate,
  parseKinds,
  parseMode,
  parsePathPrefix,
  parsePositiveInt,
} from "../parse-options.js";

export interface SearchOptions {
  limit?: string;
  mode?: string;
  path?: string;
  kind?: string;
  after?: string;
  before?: string;
  perFile?: string;
  /** --rerank / --no-rerank; unset follows search.rerank.enabled. */
  rerank?: boolean;
  json?: boolean;
}

function filtersFrom(opts: SearchOptions): SearchFilters {
  const filters: SearchFilters = {};
  if (opts.path !== undefined) filters.pathPrefix = parsePathPrefix(opts.path);
  if (opts.kind !== undefined) filters.kinds = parseKinds(opts.kind);
  if (opts.after !== undefined) filters.after = parseDate("--after", opts.after);
  if (opts.before !== undefined) filters.before = parseDate("--before", opts.before);
  return filters;
}

function citation(hit: SearchHit): string {
  const loc = hit.location;
  if ("page" in loc) return `${hit.path} (page ${loc.page})`;
  if ("sheet" in loc) return `${hit.path} [${loc.sheet}] rows ${loc.startRow}-${loc.endRow}`;
  return `${hit.path}:${loc.startLine}-${loc.endLine}`;
}

function printHuman(response: SearchResponse): void {
  if (response.notice) console.error(`note: ${response.notice}`);
  if (response.results.length === 0) {
    console.log("no results");
    return;
  }
  response.results.forEach((hit, i) => {
    const rerank = hit.rerankScore !== undefined ? `, reranked ${hit.rerankScore}` : "";
    console.log(`${i + 1}. ${citation(hit)}  [${hit.kind}, ${hit.score}${rerank}]`);
    if (hit.heading) console.log(`   ${hit.heading}`);
    console.log(`   ${hit.snippet}`);
  });
  const r = response.rerank;
  const reranked = r ? (r.ran ? `, reranked ${r.reranked} in ${r.ms} ms` : ", not reranked") : "";
  console.log(`(${response.mode}, ${response.tookMs} ms${reranked})`);
  if (r?.reason)
    console.error(`note: ${r.ran ? "reranking stopped" : "not reranked"}: ${r.reason}`);
}

/** Through the daemon when it runs (its model is loaded, its index is fresh); else read-only, alone. */
async function search(request: SearchRequest, log: Logger): Promise<SearchResponse> {
  const daemon = findDaemon(resolveHearthPaths());
  if (daemon) return daemon.call<SearchResponse>("search", request);
  const hearth = await openHearth({ log, readonly: true });
  try {
    return await hearth.searcher.search(request);
  } finally {
    await hearth.close();
  }
}

export async function runSearch(words: string[], opts: SearchOptions, log: Logger): Promise<void> {
  const config = loadConfig(resolveHearthPaths().configFile);
  const request: SearchRequest = {
    query: words.join(" "),
    mode: parseMode(opts.mode ?? "hybrid"),
    limit: opts.limit ? parsePositiveInt("--limit", opts.limit, 1000) : config.search.limit,
    filters: filtersFrom(opts),
    chunksPerFile: opts.perFile
      ? parsePositiveInt("--per-file", opts.perFile, 100)
      : config.search.chunksPerFile,
    ...(opts.rerank !== undefined ? { rerank: opts.rerank } : {}),
  };
  const response = await search(request, log);
  if (!opts.json) return printHuman(response);
  const results = response.results.map((h) => ({
    path: h.path,
    kind: h.kind,
    score: h.score,
    snippet: h.snippet,
    location: h.location,
    modified: h.modified,
    title: h.title,
    heading: h.heading,
    ...(h.rerankScore !== undefined ? { rerankScore: h.rerankScore } : {}),
  }));
  console.log(JSON.stringify({ ...response, results }));
}
