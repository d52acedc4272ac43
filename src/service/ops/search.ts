// search: hybrid, keyword or semantic retrieval over what the caller may see, each hit cited.
import { extname, sep } from "node:path";
import { z } from "zod";
import type { Location } from "../../store/types.js";
import type { SearchFilters, SearchProgress, SearchRequest } from "../../search/search.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { type MemoryInfo, memoryInfo } from "../memory-notes.js";
import { dateField, kindsField, pathField } from "../schema-parts.js";

/** What an agent may ask: bounded, as a tool's answer must fit a model's context. */
export const searchInput = z
  .object({
    query: z
      .string()
      .min(1, "must not be empty")
      .max(10_000, "is longer than 10,000 characters")
      .describe("what to look for, in natural language or keywords"),
    mode: z.enum(["hybrid", "keyword", "semantic"]).default("hybrid"),
    limit: z.number().int().min(1).max(50).default(10),
    path: pathField.optional().describe("only files under this folder (absolute path)"),
    kinds: kindsField.optional().describe('only these kinds, e.g. ["md", "txt"]'),
    modifiedAfter: dateField.optional().describe("modified on or after (ISO date or date-time)"),
    modifiedBefore: dateField.optional().describe("modified before (ISO date or date-time)"),
    sort: z
      .enum(["relevance", "date"])
      .default("relevance")
      .describe("relevance, or date: the relevant results, newest first"),
    rerank: z
      .boolean()
      .optional()
      .describe("rerank the top results with the reranker model; unset follows the user's config"),
  })
  .strict();

/** What the user may ask from the terminal: longer lists, several passages per file. */
export const userSearchInput = searchInput
  .extend({
    limit: z.number().int().min(1).max(1000).optional(),
    perFile: z.number().int().min(1).max(100).optional(),
  })
  .strict();

export type SearchInput = z.input<typeof userSearchInput>;

export interface SearchResult {
  mode: string;
  tookMs: number;
  notice?: string;
  /** Files in scope waiting, failed, or indexed in part (pages left unread): not all was searched. */
  unsearched?: { pending: number; failed: number; partial: number; hint: string };
  rerank?: { ran: boolean; reranked: number; ms: number; reason?: string };
  results: {
    path: string;
    kind: string;
    title: string;
    heading: string;
    score: number;
    snippet: string;
    location: Location;
    modified: string;
    rerankScore?: number;
    alsoIn?: string[];
    /** The text was recognised by OCR (a scan or photo), with this mean confidence (0–100). */
    ocr?: { confidence: number };
    /** The hit is a note `remember` wrote: its provenance, and the note that corrects it, if any. */
    memory?: MemoryInfo;
    /** The hit is these rows of a table: send both to query_table for typed values. */
    table?: { table: string; rows: { from: number; to: number } };
  }[];
}

function tableRows(
  ctx: ServiceContext,
  path: string,
  at: Location,
): { table: string; rows: { from: number; to: number } } | null {
  const rows =
    "sheet" in at
      ? { from: at.startRow, to: at.endRow }
      : "startLine" in at
        ? { from: at.startLine, to: at.endLine }
        : null;
  const table = rows && ctx.store.tables.tableOfFile(path, "sheet" in at ? at.sheet : "");
  return table && rows ? { table, rows } : null;
}

/**
 * What the search could not look at: "no match" must never read as "not there" when files in the
 * scope are still waiting, failed to index, or were read in part.
 */
function unsearchedIn(ctx: ServiceContext, filters: SearchFilters): SearchResult["unsearched"] {
  const under = (path: string, dir: string) =>
    path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  const pending = ctx.runtime.pendingCount(
    (path) =>
      (filters.within ?? []).some((root) => under(path, root)) &&
      (filters.pathPrefix === undefined || under(path, filters.pathPrefix)) &&
      (filters.kinds === undefined || filters.kinds.includes(extname(path).slice(1).toLowerCase())),
  );
  const { failed, partial } = ctx.store.retrieval.unreadFiles(filters);
  if (pending === 0 && failed === 0 && partial === 0) return undefined;
  const parts = [
    pending > 0 ? `${pending} still waiting to be indexed` : "",
    failed > 0 ? `${failed} failed to index` : "",
    partial > 0 ? `${partial} read in part` : "",
  ].filter(Boolean);
  const listed =
    parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  return {
    pending,
    failed,
    partial,
    hint: `results may be incomplete: in the searched folders, ${listed}; see \`hearth status\`, or \`hearth doctor FILE\` for one file`,
  };
}

export async function search(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
  signal?: AbortSignal,
  onProgress?: SearchProgress,
): Promise<{ result: SearchResult; paths: string[] }> {
  const input = ctx.parse(caller.agent ? searchInput : userSearchInput, raw, "search");
  const filters: SearchFilters = { within: ctx.visibleRoots(caller) };
  if (input.path) filters.pathPrefix = await ctx.confine(caller, input.path);
  if (input.kinds?.length)
    filters.kinds = input.kinds.map((k) => k.replace(/^\./, "").toLowerCase());
  if (input.modifiedAfter) filters.after = Date.parse(input.modifiedAfter);
  if (input.modifiedBefore) filters.before = Date.parse(input.modifiedBefore);
  const perFile = "perFile" in input ? input.perFile : undefined;
  const request: SearchRequest = {
    query: input.query,
    mode: input.mode,
    limit: input.limit ?? ctx.config.search.limit,
    filters,
    chunksPerFile: perFile ?? (caller.agent ? 1 : ctx.config.search.chunksPerFile),
    sort: input.sort,
    ...(input.rerank !== undefined ? { rerank: input.rerank } : {}),
  };
  const response = await ctx.searcher.search(request, signal, onProgress);
  const tables = ctx.scope(caller).tables;
  const hits = response.results.map(({ chunkId: _chunkId, ...hit }) => {
    const table = tables ? tableRows(ctx, hit.path, hit.location) : null;
    return { ...hit, ...(table ? { table } : {}) };
  });
  // A corrected memory ranks below what corrects it, and says so.
  const memories = await memoryInfo(
    ctx.runtime.memoryDir(),
    hits.map((r) => r.path),
  );
  const superseded = (r: { path: string }) => memories.get(r.path)?.supersededBy !== undefined;
  const results = [...hits.filter((r) => !superseded(r)), ...hits.filter(superseded)].map((r) => {
    const memory = memories.get(r.path);
    return memory ? { ...r, memory } : r;
  });
  const unsearched = unsearchedIn(ctx, filters);
  const result: SearchResult = {
    mode: response.mode,
    tookMs: response.tookMs,
    results,
    ...(response.notice ? { notice: response.notice } : {}),
    ...(unsearched ? { unsearched } : {}),
    ...(response.rerank ? { rerank: response.rerank } : {}),
  };
  return { result, paths: results.map((r) => r.path) };
}
