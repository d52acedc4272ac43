// XLSX workbooks: each sheet's rows in groups that carry the header row as their heading; citations give
// sheet and rows. Each sheet is also a typed table.
import { createRequire } from "node:module";
import type ExcelJS from "exceljs";
import { type RawRow, inferTable } from "../tables/infer-table.js";
import type { ExtractedTable } from "../tables/types.js";
import {
  ExtractError,
  type ExtractInput,
  type ExtractedDoc,
  type Indexer,
  type TextSegment,
} from "./indexer.js";
import { officeZip } from "./zip-limits.js";

const ROWS_PER_SEGMENT = 20;
const loadCommonJs = createRequire(import.meta.url);

/** A cell as text: formulas give their result, rich text and links their text, dates ISO dates. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return cellText(value.result);
  if ("error" in value) return String(value.error);
  return "";
}

function sheetRows(sheet: ExcelJS.Worksheet): RawRow[] {
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based, with holes for empty cells.
    const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText);
    if (cells.some((c) => c.trim() !== "")) rows.push({ row: number, cells });
  });
  return rows;
}

function sheetSegments(sheet: ExcelJS.Worksheet, raw: readonly RawRow[]): TextSegment[] {
  const rows = raw.map((r) => ({ number: r.row, text: r.cells.join(" | ") }));
  const [header, ...body] = rows;
  if (!header) return [];
  const segments: TextSegment[] = [];
  for (let i = 0; i < body.length; i += ROWS_PER_SEGMENT) {
    const group = body.slice(i, i + ROWS_PER_SEGMENT);
    // Rows in a group may skip empty ones: one line per row keeps the text lines equal to row numbers.
    const first = group[0]!.number;
    const lines: string[] = [];
    for (const r of group) lines[r.number - first] = r.text;
    segments.push({
      text: Array.from(lines, (l) => l ?? "").join("\n"),
      startLine: first,
      sheet: sheet.name,
      heading: `${sheet.name}: ${header.text}`,
    });
  }
  if (segments.length === 0)
    segments.push({ text: header.text, startLine: header.number, sheet: sheet.name });
  return segments;
}

export const xlsxIndexer: Indexer = {
  extensions: [".xlsx"],
  isolated: true,
  async extract(input: ExtractInput): Promise<ExtractedDoc> {
    const bytes = officeZip(input.bytes, "an XLSX workbook");
    // Loaded on first use (in an extraction worker), as every heavy parser; it has no ESM entry.
    const { Workbook } = loadCommonJs("exceljs") as typeof ExcelJS;
    const workbook = new Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch (err) {
      throw new ExtractError(`damaged XLSX: ${(err as Error).message}`);
    }
    const segments: TextSegment[] = [];
    const tables: ExtractedTable[] = [];
    for (const sheet of workbook.worksheets) {
      const rows = sheetRows(sheet);
      segments.push(...sheetSegments(sheet, rows));
      const table = inferTable(sheet.name, rows, {
        dateOrder: "auto",
        reference: new Date(input.mtimeMs),
      });
      if (table) tables.push(table);
    }
    if (segments.length === 0) throw new ExtractError("the workbook has no cells with text");
    return { kind: "xlsx", title: workbook.title || "", structure: "plain", segments, tables };
  },
};
