// Reads a line range of a text file, numbered and size-capped, with a cursor to continue.
import { readFile } from "node:fs/promises";
import { decodeText } from "../indexers/decode-text.js";
import type { Extractor } from "../indexers/extractor.js";
import { indexerFor } from "../indexers/registry.js";

export const MAX_READ_CHARS = 40_000; // about 10k tokens

export interface ReadRange {
  path: string;
  startLine: number;
  endLine: number;
  totalLines: number;
  text: string;
  /** Present when the range was cut short: pass it back as `cursor` to read on. */
  nextCursor?: string;
}

export function encodeCursor(path: string, line: number): string {
  return Buffer.from(JSON.stringify({ path, line })).toString("base64url");
}

export function decodeCursor(cursor: string): { path: string; line: number } | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      path?: unknown;
      line?: unknown;
    };
    return typeof value.path === "string" && typeof value.line === "number"
      ? { path: value.path, line: value.line }
      : null;
  } catch {
    return null;
  }
}

/**
 * The text a reader sees: a text file's own lines; for PDF, DOCX, HTML, email and the like, the
 * extracted text, with a "[page N]" line before each page so page citations can be followed.
 */
export async function documentText(path: string, extractor: Extractor): Promise<string> {
  const indexer = indexerFor(path);
  if (!indexer?.isolated || indexer.citesFileLines) return decodeText(await readFile(path));
  const doc = await extractor.extract(path);
  return doc.segments.map((s) => ("page" in s ? `[page ${s.page}]\n${s.text}` : s.text)).join("\n");
}

export async function readRange(
  path: string,
  startLine: number,
  endLine: number | undefined,
  extractor: Extractor,
  maxChars = MAX_READ_CHARS,
): Promise<ReadRange> {
  const lines = (await documentText(path, extractor)).split(/\r\n|\r|\n/);
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
  const result: ReadRange = {
    path,
    startLine: start,
    endLine: line - 1,
    totalLines: lines.length,
    text: out.join("\n"),
  };
  if (line <= end) result.nextCursor = encodeCursor(path, line);
  return result;
}
