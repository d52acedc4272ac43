// CSV and TSV: rows grouped into chunks that each repeat the header, so a row is understandable alone,
// and the same rows as a typed table (statements become transactions).
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { inferTable } from "../tables/infer-table.js";
import { decodeText } from "./decode-text.js";
import {
  ExtractError,
  type ExtractInput,
  type ExtractedDoc,
  type Indexer,
  type TextSegment,
} from "./indexer.js";

const ROWS_PER_SEGMENT = 20;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function guessDelimiter(sample: string, ext: string): string {
  if (ext === ".tsv") return "\t";
  const firstLines = sample.split("\n").slice(0, 5).join("\n");
  const counts = [",", ";", "\t", "|"].map((d) => [d, firstLines.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

function parseRecords(text: string, ext: string): CsvRecord[] {
  try {
    return parse(text, {
      delimiter: guessDelimiter(text, ext),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (err) {
    throw new ExtractError(`malformed ${ext.slice(1).toUpperCase()}: ${(err as Error).message}`);
  }
}

/**
 * Lines above the header (a bank's account and period lines) form one segment; the rows below it
 * go in groups that carry the header as their heading, so their lines are exactly their rows.
 */
function segmentsOf(records: readonly CsvRecord[], headerLine: number | null): TextSegment[] {
  const line = (r: CsvRecord): string => r.record.join(" | ");
  const headerAt = headerLine === null ? 0 : records.findIndex((r) => r.info.lines === headerLine);
  const header = records[headerAt];
  const segments: TextSegment[] = [];
  const preamble = records.slice(0, headerAt);
  if (preamble.length)
    segments.push({ text: preamble.map(line).join("\n"), startLine: preamble[0]!.info.lines });
  const rows = records.slice(headerAt + 1);
  for (let i = 0; i < rows.length; i += ROWS_PER_SEGMENT) {
    const group = rows.slice(i, i + ROWS_PER_SEGMENT);
    segments.push({
      text: group.map(line).join("\n"),
      startLine: group[0]!.info.lines,
      heading: header ? line(header) : "",
    });
  }
  if (segments.length === 0 && header)
    segments.push({ text: line(header), startLine: header.info.lines });
  return segments;
}

export const delimitedIndexer: Indexer = {
  extensions: [".csv", ".tsv"],
  isolated: true,
  citesFileLines: true,
  // eslint-disable-next-line @typescript-eslint/require-await -- an Indexer is async; this one reads nothing
  async extract({ path, bytes, mtimeMs }: ExtractInput): Promise<ExtractedDoc> {
    const text = decodeText(bytes);
    if (text.trim() === "") throw new ExtractError("empty file");
    const ext = extname(path).toLowerCase();
    const records = parseRecords(text, ext);
    if (records.length === 0) throw new ExtractError("no rows");
    // A statement's dates without a year belong to the year before its file was saved, at the latest.
    const table = inferTable(
      "",
      records.map((r) => ({ row: r.info.lines, cells: r.record })),
      { dateOrder: "auto", reference: new Date(mtimeMs) },
    );
    return {
      kind: ext.slice(1),
      title: "",
      structure: "plain",
      segments: segmentsOf(records, table?.headerRow ?? null),
      ...(table ? { tables: [table] } : {}),
    };
  },
};
