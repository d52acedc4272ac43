// The MCP tools: retrieval (search, read, list_sources, recent, status) and safe actions (remember, forget).
import type { McpServer, ServerContext } from "@modelcontextprotocol/server";
import { z } from "zod";
import { HearthError } from "../errors.js";
import type { McpBackend } from "./backend.js";
import { PathRefused, confinePath } from "./confine-path.js";
import { deleteNote, writeNote } from "./memory-notes.js";
import { decodeCursor, readRange } from "./read-range.js";
import { reportProgress, runTool } from "./tool-result.js";

const DAY_MS = 86_400_000;

/** Names the client behind a request, for the audit log. */
export type ClientName = (ctx?: ServerContext) => string;

export function fileUri(path: string): string {
  return `hearth://file${encodeURI(path)}`;
}

const location = z.union([
  z.object({ startLine: z.number(), endLine: z.number() }),
  z.object({ page: z.number() }),
  z.object({ sheet: z.string(), startRow: z.number(), endRow: z.number() }),
]);

const searchInput = z.object({
  query: z
    .string()
    .min(1)
    .max(10_000)
    .describe("what to look for, in natural language or keywords"),
  mode: z.enum(["hybrid", "keyword", "semantic"]).default("hybrid"),
  limit: z.number().int().min(1).max(50).default(10),
  path: z.string().optional().describe("only files under this folder (absolute path)"),
  kinds: z.array(z.string()).optional().describe('only these kinds, e.g. ["md", "txt"]'),
  modifiedAfter: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  modifiedBefore: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  rerank: z
    .boolean()
    .optional()
    .describe("rerank the top results with the reranker model; unset follows the user's config"),
});

const searchOutput = z.object({
  mode: z.string(),
  notice: z.string().optional(),
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
      table: z
        .object({
          table: z.string(),
          rows: z.object({ from: z.number(), to: z.number() }),
        })
        .optional()
        .describe("the hit is these rows of a table: send both to query_table for typed values"),
    }),
  ),
});

const readInput = z.object({
  path: z.string().optional().describe("absolute path of an indexed file"),
  startLine: z.number().int().min(1).optional(),
  endLine: z.number().int().min(1).optional(),
  cursor: z.string().optional().describe("nextCursor from a previous read, to continue"),
});

const readOutput = z.object({
  path: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  totalLines: z.number(),
  text: z.string().describe("the lines, each prefixed with its number and a tab"),
  nextCursor: z.string().optional(),
});

const fileEntry = z.object({
  path: z.string(),
  kind: z.string(),
  title: z.string(),
  modified: z.string(),
  size: z.number(),
});

const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** Links a hit in a statement or spreadsheet to the table rows it cites. */
function tableRows(
  backend: McpBackend,
  path: string,
  at: z.infer<typeof location>,
): { table: string; rows: { from: number; to: number } } | null {
  const rows =
    "sheet" in at
      ? { from: at.startRow, to: at.endRow }
      : "startLine" in at
        ? { from: at.startLine, to: at.endLine }
        : null;
  const table = rows && backend.tables.tableOfFile(path, "sheet" in at ? at.sheet : "");
  return table && rows ? { table, rows } : null;
}

export function registerTools(server: McpServer, backend: McpBackend, client: ClientName): void {
  server.registerTool(
    "search",
    {
      title: "Search the user's files",
      description:
        "Hybrid (keyword + semantic) search over the user's indexed files. Returns ranked passages with the file path, line range or page, and a snippet. Use `read` to see more of a file.",
      inputSchema: searchInput,
      outputSchema: searchOutput,
      annotations: READ_ONLY,
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "search", args, async () => {
        const filters: Parameters<McpBackend["search"]>[0]["filters"] = {};
        if (args.path) filters.pathPrefix = await confinePath(args.path, backend.roots());
        if (args.kinds?.length)
          filters.kinds = args.kinds.map((k) => k.replace(/^\./, "").toLowerCase());
        if (args.modifiedAfter) filters.after = Date.parse(args.modifiedAfter);
        if (args.modifiedBefore) filters.before = Date.parse(args.modifiedBefore);
        const response = await backend.search({
          query: args.query,
          mode: args.mode,
          limit: args.limit,
          filters,
          chunksPerFile: 1,
          ...(args.rerank !== undefined ? { rerank: args.rerank } : {}),
        });
        const results = response.results.map(({ chunkId: _chunkId, ...hit }) => {
          const table = tableRows(backend, hit.path, hit.location);
          return { ...hit, uri: fileUri(hit.path), ...(table ? { table } : {}) };
        });
        const result = {
          mode: response.mode,
          results,
          ...(response.notice ? { notice: response.notice } : {}),
          ...(response.rerank ? { rerank: response.rerank } : {}),
        };
        return {
          result,
          paths: results.map((r) => r.path),
          links: results.map((r) => ({
            type: "resource_link" as const,
            uri: r.uri,
            name: r.title || r.path,
            mimeType: "text/plain",
          })),
        };
      }),
  );

  server.registerTool(
    "read",
    {
      title: "Read part of a file",
      description:
        "Reads lines of an indexed file, numbered. Give a path with startLine/endLine (from search results), or the nextCursor of a previous read. PDF, DOCX, HTML and email are read as their extracted text, with a [page N] line before each PDF page. Long ranges are cut at about 10k tokens with a nextCursor.",
      inputSchema: readInput,
      outputSchema: readOutput,
      annotations: READ_ONLY,
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "read", args, async () => {
        const fromCursor = args.cursor ? decodeCursor(args.cursor) : null;
        if (args.cursor && !fromCursor)
          throw new PathRefused(
            "the cursor is not one `read` gave; send path and startLine instead",
          );
        const requested = fromCursor?.path ?? args.path;
        if (!requested)
          throw new PathRefused("send `path` (and optionally startLine/endLine), or a `cursor`");
        const path = await confinePath(requested, backend.roots());
        const start = fromCursor?.line ?? args.startLine ?? 1;
        if (args.endLine !== undefined && args.endLine < start) {
          throw new PathRefused(
            `endLine ${args.endLine} is before startLine ${start}; send endLine ≥ startLine`,
          );
        }
        await reportProgress(ctx, 0, 1, "reading the file");
        const range = await readRange(path, start, args.endLine, backend.extractor);
        return { result: { ...range }, paths: [path] };
      }),
  );

  server.registerTool(
    "list_sources",
    {
      title: "List indexed folders",
      description:
        "The folders Hearth indexes, with file counts per kind, failures, and when each was last indexed.",
      inputSchema: z.object({}),
      outputSchema: z.object({
        sources: z.array(
          z.object({
            path: z.string(),
            files: z.number(),
            failed: z.number(),
            kinds: z.record(z.string(), z.number()),
            lastIndexed: z.string().nullable(),
          }),
        ),
      }),
      annotations: READ_ONLY,
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "list_sources", args, () => {
        const sources = backend.sources();
        return Promise.resolve({ result: { sources }, paths: sources.map((s) => s.path) });
      }),
  );

  server.registerTool(
    "recent",
    {
      title: "Recently changed files",
      description:
        "Files changed within the last `days` days, newest first, paginated with a cursor.",
      inputSchema: z.object({
        days: z.number().min(0.01).max(3650).default(7),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.string().optional(),
      }),
      outputSchema: z.object({
        files: z.array(fileEntry),
        total: z.number(),
        nextCursor: z.string().optional(),
      }),
      annotations: READ_ONLY,
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "recent", args, () => {
        const offset = args.cursor ? Number(Buffer.from(args.cursor, "base64url").toString()) : 0;
        if (!Number.isInteger(offset) || offset < 0)
          throw new PathRefused("the cursor is not one `recent` gave; omit it to start over");
        const { files, total } = backend.recent(
          Date.now() - args.days * DAY_MS,
          args.limit,
          offset,
        );
        const next = offset + files.length;
        const result = {
          files,
          total,
          ...(next < total ? { nextCursor: Buffer.from(String(next)).toString("base64url") } : {}),
        };
        return Promise.resolve({ result, paths: files.map((f) => f.path) });
      }),
  );

  server.registerTool(
    "status",
    {
      title: "Indexing status",
      description:
        "What Hearth is doing: files indexed, pending and failed, the model, and recent errors.",
      inputSchema: z.object({}),
      outputSchema: z.object({
        activity: z.string(),
        files: z.number(),
        failed: z.number(),
        chunks: z.number(),
        vectors: z.number(),
        pending: z.number(),
        etaSeconds: z.number().nullable(),
        model: z.string().nullable(),
        recentErrors: z.array(z.object({ path: z.string(), error: z.string(), at: z.string() })),
      }),
      annotations: READ_ONLY,
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "status", args, () => {
        const s = backend.status();
        const result = {
          activity: s.activity,
          files: s.files,
          failed: s.failed,
          chunks: s.chunks,
          vectors: s.vectors,
          pending: s.queue.pending + s.queue.active.length,
          etaSeconds: s.queue.etaSeconds,
          model: s.model,
          recentErrors: s.recentErrors.slice(0, 20),
        };
        return Promise.resolve({ result, paths: [] });
      }),
  );

  server.registerTool(
    "remember",
    {
      title: "Remember a note",
      description:
        "Saves a note as a markdown file in Hearth's memory folder and indexes it at once. Cannot write anywhere else.",
      inputSchema: z.object({
        title: z.string().min(1).max(200),
        text: z.string().min(1).max(100_000),
        tags: z.array(z.string().max(50)).max(20).default([]),
      }),
      outputSchema: z.object({ path: z.string(), uri: z.string() }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "remember", args, async () => {
        const path = await writeNote(backend.memoryDir(), args);
        await reportProgress(ctx, 1, 2, "note written; indexing it");
        await backend.indexNow(path);
        return { result: { path, uri: fileUri(path) }, paths: [path] };
      }),
  );

  server.registerTool(
    "forget",
    {
      title: "Forget a note",
      description:
        "Deletes a note that `remember` wrote (and removes it from the index). Refuses any other file.",
      inputSchema: z.object({ path: z.string().min(1).describe("the path `remember` returned") }),
      outputSchema: z.object({ deleted: z.string() }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    (args, ctx) =>
      runTool(backend, client(ctx), "forget", args, async () => {
        const path = await confinePath(args.path, [backend.memoryDir()]).catch(() => {
          throw new PathRefused(
            `${args.path} is not a note in the memory folder; forget only deletes notes made with remember`,
          );
        });
        const refusal = await deleteNote(backend.memoryDir(), path);
        if (refusal) throw new HearthError("BAD_ARGUMENT", refusal);
        await backend.indexNow(path);
        return { result: { deleted: path }, paths: [path] };
      }),
  );
}
