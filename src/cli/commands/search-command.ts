// `hearth search QUERY`: hybrid, keyword or semantic search with filters; human or JSON output.
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import type { SearchFilters } from "../../search/filters.js";
import type { SearchHit, SearchResponse } from "../../search/search.js";
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
  return "page" in loc
    ? `${hit.path} (page ${loc.page})`
    : `${hit.path}:${loc.startLine}-${loc.endLine}`;
}

function printHuman(response: SearchResponse): void {
  if (response.notice) console.error(`note: ${response.notice}`);
  if (response.results.length === 0) {
    console.log("no results");
    return;
  }
  response.results.forEach((hit, i) => {
    console.log(`${i + 1}. ${citation(hit)}  [${hit.kind}, ${hit.score}]`);
    if (hit.heading) console.log(`   ${hit.heading}`);
    console.log(`   ${hit.snippet}`);
  });
  console.log(`(${response.mode}, ${response.tookMs} ms)`);
}

export async function runSearch(words: string[], opts: SearchOptions, log: Logger): Promise<void> {
  const request = {
    query: words.join(" "),
    mode: parseMode(opts.mode ?? "hybrid"),
    limit: 10,
    filters: filtersFrom(opts),
    chunksPerFile: 1,
  };
  const hearth = await openHearth({ log, readonly: true });
  try {
    request.limit = opts.limit
      ? parsePositiveInt("--limit", opts.limit, 1000)
      : hearth.config.search.limit;
    request.chunksPerFile = opts.perFile
      ? parsePositiveInt("--per-file", opts.perFile, 100)
      : hearth.config.search.chunksPerFile;
    const response = await hearth.searcher.search(request);
    if (opts.json) {
      const results = response.results.map((h) => ({
        path: h.path,
        kind: h.kind,
        score: h.score,
        snippet: h.snippet,
        location: h.location,
        modified: h.modified,
        title: h.title,
        heading: h.heading,
      }));
      console.log(JSON.stringify({ ...response, results }));
    } else {
      printHuman(response);
    }
  } finally {
    await hearth.close();
  }
}
