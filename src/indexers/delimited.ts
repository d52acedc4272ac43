// CSV and TSV: rows grouped into chunks that each repeat the header, so a row is understandable alone.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { decodeText } from "./decode-text.js";
import { ExtractError, type ExtractedDoc, type Indexer, type TextSegment } from "./indexer.js";

const ROWS_PER_SEGMENT = 20;

function guessDelimiter(sample: string, ext: string): string {
  if (ext === ".tsv") return "\t";
  const firstLines = sample.split("\n").slice(0, 5).join("\n");
  const counts = [",", ";", "\t", "|"].map((d) => [d, firstLines.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export const delimitedIndexer: Indexer = {
  extensions: [".csv", ".tsv"],
  isolated: true,
  async extract(path: string, signal: AbortSignal): Promise<ExtractedDoc> {
    const text = decodeText(await readFile(path, { signal }));
    if (text.trim() === "") throw new ExtractError("empty file");
    const ext = extname(path).toLowerCase();
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(text, {
        delimiter: guessDelimiter(text, ext),
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        info: true,
      }) as unknown as { record: string[]; info: { lines: number } }[];
    } catch (err) {
      throw new ExtractError(`malformed ${ext.slice(1).toUpperCase()}: ${(err as Error).message}`);
    }
    const [header, ...rows] = records;
    if (!header) throw new ExtractError("no rows");
    const headerLine = header.record.join(" | ");
    const segments: TextSegment[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_SEGMENT) {
      const group = rows.slice(i, i + ROWS_PER_SEGMENT);
      // Each group is its own segment, so chunks never mix rows from far apart; the header row is every
      // chunk's heading, so each is understandable alone and its lines are exactly its rows.
      const body = group.map((r) => r.record.join(" | ")).join("\n");
      segments.push({ text: body, startLine: group[0]!.info.lines, heading: headerLine });
    }
    if (segments.length === 0) segments.push({ text: headerLine, startLine: 1 });
    return { kind: ext.slice(1), title: "", structure: "plain", segments };
  },
};
