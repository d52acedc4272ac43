// The search tool: ranked passages with path, line range or page, snippet and a resource link.
import { z } from "zod";
import { searchInput, type SearchResult } from "../../service/ops/search.js";
import { fileUri } from "../file-uri.js";
import { READ_ONLY, reportProgress, type Tool } from "../tool-kit.js";

export const location = z.union([
  z.object({ startLine: z.number(), endLine: z.number() }),
  z.object({ page: z.number() }),
  z.object({ sheet: z.string(), startRow: z.number(), endRow: z.number() }),
]);

/** A memory note's provenance, as search and recall give it. */
export const memorySchema = z.object({
  id: z.string(),
  created: z.string(),
  client: z.string().nullable(),
  tags: z.array(z.string()),
  supersededBy: z
    .object({ id: z.string(), path: z.string().nullable() })
    .optional()
    .describe("a newer memory corrects this one: prefer it"),
});

const searchOutput = z.object({
  mode: z.string(),
  notice: z.string().optional(),
  unsearched: z
    .object({ pending: z.number(), failed: z.number(), partial: z.number(), hint: z.string() })
    .optional()
    .describe(
      "files in the searched folders not indexed yet, failed, or read in part: a missing result may be in them",
    ),
  rerank: z
    .object({
      ran: z.boolean(),
      reranked: z.number(),
      ms: z.number(),
      reason: z.string().optional(),
    })
    .optional()
    .describe("whether the top results were reranked, and why not"),
  results: z.array(
    z.object({
      path: z.string(),
      uri: z.string(),
      kind: z.string(),
      title: z.string(),
      heading: z.string(),
      score: z.number(),
      snippet: z.string(),
      location,
      modified: z.string(),
      rerankScore: z.number().optional().describe("the reranker's relevance probability (0–1)"),
      ocr: z
        .object({ confidence: z.number() })
        .optional()
        .describe(
          "the text was recognised by OCR (a scan or photo): this passage's mean confidence over its lines, 0–100",
        ),
      alsoIn: z
        .array(z.string())
        .optional()
        .describe("other files holding the same thing (a copy, an export), shown once here"),
      table: z
        .object({
          table: z.string(),
          rows: z.object({ from: z.number(), to: z.number() }),
        })
        .optional()
        .describe("the hit is these rows of a table: send both to query_table for typed values"),
      memory: memorySchema
        .optional()
        .describe("the hit is a note `remember` wrote: who wrote it when, and what corrects it"),
    }),
  ),
});

export const searchTool: Tool = {
  name: "search",
  title: "Search the user's files",
  description:
    "Hybrid (keyword + semantic) search over the user's indexed files. Returns ranked passages with the file path, line range or page, and a snippet. Use `read` to see more of a file. Words in double quotes must match as phrases; -word leaves out results containing the word. When `unsearched` is present, some files in scope are not indexed yet, or only in part: no result is not proof of absence.",
  input: searchInput,
  output: searchOutput,
  annotations: READ_ONLY,
  async call({ service, caller, ctx, args }) {
    const response: SearchResult = await service.search(caller, args, {
      signal: ctx.mcpReq.signal,
      onProgress: (done, total, message) => void reportProgress(ctx, done, total, message),
    });
    // Progress was reported only while reranking; when it was, it ends with a final one.
    if (response.rerank?.ran) await reportProgress(ctx, 1, 1, "done");
    const results = response.results.map((hit) => ({ ...hit, uri: fileUri(hit.path) }));
    const { tookMs: _tookMs, ...rest } = response;
    return {
      result: { ...rest, results },
      links: results.map((r) => ({
        type: "resource_link" as const,
        uri: r.uri,
        name: r.title || r.path,
        mimeType: "text/plain",
      })),
    };
  },
};
