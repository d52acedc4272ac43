// read: numbered lines of a file the caller may see, exactly the text the index holds, cut at about
// 10k tokens with a cursor to continue. PDF, DOCX, HTML and email read as their extracted text.
import { extname } from "node:path";
import { z } from "zod";
import { versionHash } from "../../actions/note-text.js";
import { HearthError } from "../../errors.js";
import type { Extractor } from "../../indexers/extractor.js";
import type { ExtractInput } from "../../indexers/indexer.js";
import { indexerFor } from "../../indexers/registry.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { pathField } from "../schema-parts.js";

export const MAX_READ_CHARS = 40_000; // about 10k tokens

const MAX_LINE = 1_000_000_000;

export const readInput = z
  .object({
    path: pathField.optional().describe("absolute path of an indexed file"),
    startLine: z.number().int().min(1).max(MAX_LINE).optional(),
    endLine: z.number().int().min(1).max(MAX_LINE).optional(),
    page: z
      .number()
      .int()
      .min(1)
      .max(MAX_LINE)
      .optional()
      .describe("a page of a PDF, as a search hit cites it: its lines, from its [page N] line"),
    cursor: z
      .string()
      .max(8192)
      .optional()
      .describe("nextCursor from a previous read, to continue"),
  })
  .strict();

export interface ReadRange {
  path: string;
  startLine: number;
  endLine: number;
  totalLines: number;
  /** The lines, each prefixed with its number and a tab. */
  text: string;
  /** Present when the range was cut short: pass it back as `cursor` to read on. */
  nextCursor?: string;
  /** sha256 of the file's bytes: the version read, which edit_note is sent back. */
  hash: string;
  /** The text was recognised by OCR (a scan or photo), with this mean confidence (0–100). */
  ocr?: { confidence: number };
}

const readCursor = z.object({ path: z.string(), line: z.number().int().min(1).max(MAX_LINE) });

export function decodeReadCursor(cursor: string): { path: string; line: number } {
  return decodeCursor("read", cursor, readCursor, "send path and startLine instead");
}

/**
 * The text a reader sees: a text file's own lines; for PDF, DOCX, HTML, email and the like, the
 * extracted text, with a "[page N]" line before each page so page citations can be followed.
 */
export async function documentText(input: ExtractInput, extractor: Extractor): Promise<string> {
  const indexer = indexerFor(input.path);
  if (!indexer?.isolated || indexer.citesFileLines) return extractor.decode(input);
  const doc = await extractor.extract(input);
  return doc.segments.map((s) => ("page" in s ? `[page ${s.page}]\n${s.text}` : s.text)).join("\n");
}

/** Lines `start` to `end` of `text`, numbered, cut at `maxChars` with a cursor to continue. */
export function lineRange(
  path: string,
  text: string,
  startLine: number,
  endLine: number | undefined,
  maxChars = MAX_READ_CHARS,
): Omit<ReadRange, "hash"> {
  const lines = text.split(/\r\n|\r|\n/);
  const start = Math.max(1, startLine);
  const end = Math.min(lines.length, endLine ?? lines.length);
  const out: string[] = [];
  let size = 0;
  let line = start;
  for (; line <= end; line++) {
    const numbered = `${line}\t${lines[line - 1]}`;
    if (size + numbered.length > maxChars && out.length > 0) break;
    out.push(numbered.length > maxChars ? numbered.slice(0, maxChars) : numbered);
    size += numbered.length + 1;
  }
  const result: Omit<ReadRange, "hash"> = {
    path,
    startLine: start,
    endLine: line - 1,
    totalLines: lines.length,
    text: out.join("\n"),
  };
  if (line <= end) result.nextCursor = encodeCursor("read", { path, line });
  return result;
}

/** The lines of page `page`: from its "[page N]" line to the line before the next page's. */
function pageLines(
  path: string,
  text: string,
  page: number,
): { startLine: number; endLine: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const at = lines.indexOf(`[page ${page}]`);
  if (at < 0) {
    const pages = lines.filter((l) => /^\[page \d+\]$/.test(l)).length;
    throw new HearthError(
      "BAD_ARGUMENT",
      pages ? `${path} has no page ${page}: it has ${pages}` : `${path} has no pages`,
      pages ? `send a page from 1 to ${pages}` : "send startLine and endLine instead",
    );
  }
  const next = lines.findIndex((l, i) => i > at && /^\[page \d+\]$/.test(l));
  return { startLine: at + 1, endLine: next < 0 ? lines.length : next };
}

export async function read(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
  signal?: AbortSignal,
): Promise<{ result: ReadRange; paths: string[] }> {
  const input = ctx.parse(readInput, raw, "read");
  const fromCursor = input.cursor ? decodeReadCursor(input.cursor) : null;
  const requested = fromCursor?.path ?? input.path;
  if (!requested)
    throw new HearthError(
      "BAD_ARGUMENT",
      "read needs a file",
      "send `path` (and optionally startLine/endLine), or a `cursor`",
    );
  if (input.page !== undefined && (input.startLine !== undefined || fromCursor))
    throw new HearthError(
      "BAD_ARGUMENT",
      "read takes a page or a line range, not both",
      "send page alone, or startLine/endLine (or a cursor)",
    );
  const start = fromCursor?.line ?? input.startLine ?? 1;
  if (input.endLine !== undefined && input.endLine < start) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `endLine ${input.endLine} is before startLine ${start}`,
      "send endLine ≥ startLine",
    );
  }
  const file = await ctx.readVisibleFile(caller, requested, signal);
  const hash = versionHash(file.bytes);
  // The text depends on the kind too (the same bytes as .html and as .txt read differently).
  const text = await ctx.readTexts.get(`${extname(file.path).toLowerCase()}:${hash}`, () =>
    documentText({ path: file.path, bytes: file.bytes, mtimeMs: file.stat.mtimeMs }, ctx.extractor),
  );
  const { startLine, endLine } =
    input.page === undefined
      ? { startLine: start, endLine: input.endLine }
      : pageLines(file.path, text, input.page);
  const range = lineRange(file.path, text, startLine, endLine);
  const ocr = ctx.store.getFile(file.path)?.ocrConfidence ?? null;
  return {
    result: {
      ...range,
      hash,
      ...(ocr !== null ? { ocr: { confidence: ocr } } : {}),
    },
    paths: [file.path],
  };
}
