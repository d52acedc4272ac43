// `hearth search QUERY`: hybrid, keyword or semantic search with filters; human or JSON output.
import { resolve } from "node:path";
import { CLI_CALLER } from "../../service/caller.js";
import type { SearchInput, SearchResult } from "../../service/ops/search.js";
import { askHearth } from "../local-service.js";
import type { CliContext } from "../context.js";
import { parseDate, parseKinds, parseMode, parsePositiveInt, parseSort } from "../parse-options.js";

export interface SearchOptions {
  limit?: string;
  mode?: string;
  path?: string;
  kind?: string;
  after?: string;
  before?: string;
  perFile?: string;
  sort?: string;
  /** --rerank / --no-rerank; unset follows search.rerank.enabled. */
  rerank?: boolean;
  json?: boolean;
}

type Hit = SearchResult["results"][number];

function citation(hit: Hit): string {
  const loc = hit.location;
  if ("page" in loc) return `${hit.path} (page ${loc.page})`;
  if ("sheet" in loc) return `${hit.path} [${loc.sheet}] rows ${loc.startRow}-${loc.endRow}`;
  return `${hit.path}:${loc.startLine}-${loc.endLine}`;
}

function printHuman(cli: CliContext, response: SearchResult): void {
  const { io } = cli;
  if (response.notice) io.err(`note: ${response.notice}`);
  if (response.unsearched) io.err(`note: ${response.unsearched.hint}`);
  if (response.results.length === 0) {
    io.out("no results");
    return;
  }
  response.results.forEach((hit, i) => {
    const rerank =
      (hit.rerankScore !== undefined ? `, reranked ${hit.rerankScore}` : "") +
      (hit.ocr ? `, OCR ${hit.ocr.confidence} % confident` : "");
    io.out(`${i + 1}. ${citation(hit)}  [${hit.kind}, ${hit.score}${rerank}]`);
    if (hit.heading) io.out(`   ${hit.heading}`);
    io.out(`   ${hit.snippet}`);
    if (hit.alsoIn) io.out(`   also in: ${hit.alsoIn.join(", ")}`);
  });
  const r = response.rerank;
  const reranked = r ? (r.ran ? `, reranked ${r.reranked} in ${r.ms} ms` : ", not reranked") : "";
  io.out(`(${response.mode}, ${response.tookMs} ms${reranked})`);
  if (r?.reason) io.err(`note: ${r.ran ? "reranking stopped" : "not reranked"}: ${r.reason}`);
}

/** The request the service validates, from the options (dates and spans become ISO times). */
function requestOf(words: string[], opts: SearchOptions): SearchInput {
  const iso = (option: string, value: string) => new Date(parseDate(option, value)).toISOString();
  const kinds = opts.kind !== undefined ? parseKinds(opts.kind) : [];
  return {
    query: words.join(" "),
    mode: parseMode(opts.mode ?? "hybrid"),
    ...(opts.limit ? { limit: parsePositiveInt("--limit", opts.limit, 1000) } : {}),
    ...(opts.perFile ? { perFile: parsePositiveInt("--per-file", opts.perFile, 100) } : {}),
    ...(opts.path !== undefined ? { path: resolve(opts.path) } : {}),
    ...(kinds.length > 0 ? { kinds } : {}),
    ...(opts.after !== undefined ? { modifiedAfter: iso("--after", opts.after) } : {}),
    ...(opts.before !== undefined ? { modifiedBefore: iso("--before", opts.before) } : {}),
    ...(opts.rerank !== undefined ? { rerank: opts.rerank } : {}),
    ...(opts.sort !== undefined ? { sort: parseSort(opts.sort) } : {}),
  };
}

export async function runSearch(
  cli: CliContext,
  words: string[],
  opts: SearchOptions,
): Promise<void> {
  const request = requestOf(words, opts);
  const response = await askHearth(
    cli,
    "search",
    request,
    (service) => service.search(CLI_CALLER, request),
    { loadModel: request.mode !== "keyword" },
  );
  if (!opts.json) return printHuman(cli, response);
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
    ...(h.ocr ? { ocr: h.ocr } : {}),
  }));
  const { results: _all, ...rest } = response;
  cli.io.json({ ...rest, results });
}
