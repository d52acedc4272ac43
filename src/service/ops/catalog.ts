// list_sources, recent and the file list (MCP resources): what is indexed, within what the caller sees.
import { z } from "zod";
import type { FileEntry, SourceSummary } from "../../store/catalog.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { decodeCursor, encodeCursor, offsetCursor } from "../cursor.js";

const DAY_MS = 86_400_000;

/** Files per page of the file list (resources/list). */
export const FILES_PAGE = 100;

export const sourcesInput = z.object({}).strict();

export const recentInput = z
  .object({
    days: z.number().min(0.01).max(3650).default(7),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(8192).optional(),
  })
  .strict();

export const filesInput = z.object({ cursor: z.string().max(8192).optional() }).strict();

export function sources(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): { result: { sources: SourceSummary[] }; paths: string[] } {
  ctx.parse(sourcesInput, raw, "list_sources");
  const sources = ctx.store.catalog.sources(ctx.visibleRoots(caller));
  return { result: { sources }, paths: sources.map((s) => s.path) };
}

export function recent(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): { result: { files: FileEntry[]; total: number; nextCursor?: string }; paths: string[] } {
  const input = ctx.parse(recentInput, raw, "recent");
  const { offset } = input.cursor
    ? decodeCursor("recent", input.cursor, offsetCursor, "omit it to start over")
    : { offset: 0 };
  const { files, total } = ctx.store.catalog.recent(
    Date.now() - input.days * DAY_MS,
    { within: ctx.visibleRoots(caller) },
    input.limit,
    offset,
  );
  const next = offset + files.length;
  const result = {
    files,
    total,
    ...(next < total ? { nextCursor: encodeCursor("recent", { offset: next }) } : {}),
  };
  return { result, paths: files.map((f) => f.path) };
}

/** One page of the indexed files, in path order. */
export function files(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): { result: { files: FileEntry[]; nextCursor?: string }; paths: string[] } {
  const input = ctx.parse(filesInput, raw, "resources/list");
  const { offset } = input.cursor
    ? decodeCursor("files", input.cursor, offsetCursor, "omit it to list from the start")
    : { offset: 0 };
  const page = ctx.store.catalog.list({ within: ctx.visibleRoots(caller) }, FILES_PAGE + 1, offset);
  const result = {
    files: page.slice(0, FILES_PAGE),
    ...(page.length > FILES_PAGE
      ? { nextCursor: encodeCursor("files", { offset: offset + FILES_PAGE }) }
      : {}),
  };
  return { result, paths: [] };
}
