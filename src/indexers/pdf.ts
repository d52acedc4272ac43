// PDF: text per page with pdf-parse 2 (pdf.js); pages without a text layer (scans) rendered and read
// by OCR; encrypted and damaged PDFs are reported, not indexed empty.
import type { PDFParse } from "pdf-parse";
import type { Recognised } from "../ocr/recognize.js";
import { MAX_IMAGE_PIXELS } from "./image.js";
import {
  ExtractError,
  OCR_OFF,
  OcrLater,
  type ExtractInput,
  type ExtractedDoc,
  type Indexer,
  type OcrSettings,
  type TextSegment,
} from "./indexer.js";
import { readScan } from "./scan-receipt.js";
import { sniffType } from "./sniff.js";
import type { ExtractedTable } from "../tables/types.js";

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ExtractError("empty file (0 bytes)");
  // The PDF header may follow some junk, but within the first KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) {
    const actual = sniffType(bytes);
    throw new ExtractError(
      actual ? `not a PDF: the file is ${actual}` : "not a PDF: no %PDF- header",
    );
  }
}

/** A scan's page rendered for OCR at about 200 dpi (a PDF point is 1/72 in). */
const OCR_SCALE = 200 / 72;

/**
 * The pages of a scanned PDF, each rendered alone (one page image in memory at a time) and read
 * by OCR. The scale is chosen from the page's size before anything is drawn: a page so large that
 * it would pass the image pixel limit is rendered smaller (a bomb's canvas is never allocated).
 */
async function ocrPages(
  parser: PDFParse,
  sizes: readonly { width: number; height: number }[],
  ocr: OcrSettings,
  wanted: (page: number) => boolean,
): Promise<{ segments: TextSegment[]; confidence: number; receipt: ExtractedTable | null }> {
  const { recognise } = await import("../ocr/recognize.js");
  const segments: TextSegment[] = [];
  // The file's confidence is the mean over all its recognised lines, as each chunk's is.
  let confidenceSum = 0;
  let lines = 0;
  let receipt: ExtractedTable | null = null;
  for (let page = 1; page <= sizes.length; page++) {
    if (!wanted(page)) continue;
    const { width, height } = sizes[page - 1]!;
    if (!(width > 0 && height > 0)) continue;
    const scale = Math.min(OCR_SCALE, Math.sqrt(MAX_IMAGE_PIXELS / (width * height)));
    const shot = await parser.getScreenshot({
      partial: [page],
      scale,
      imageBuffer: true,
      imageDataUrl: false,
    });
    const image = shot.pages[0];
    if (!image) continue;
    let text: Recognised = await recognise(image.data, ocr.languages);
    if (text.lines.length === 0) continue;
    // A one-page scan that reads as a receipt is one, as a photo of it would be.
    if (sizes.length === 1) ({ text, receipt } = await readScan(image.data, text, ocr.languages));
    segments.push({ text: text.lines.join("\n"), page, lineConfidences: text.lineConfidences });
    confidenceSum += text.lineConfidences.reduce((a, c) => a + c, 0);
    lines += text.lines.length;
  }
  return { segments, confidence: lines ? confidenceSum / lines : 0, receipt };
}

/** A one-page scan's receipt, cited to its total's line as `read` numbers it: after "[page 1]". */
function citedAfterPageLine(table: ExtractedTable): ExtractedTable {
  const shift = <T extends { row: number }>(r: T): T => ({ ...r, row: r.row + 1 });
  return { ...table, rows: table.rows.map(shift), transactions: table.transactions.map(shift) };
}

export const pdfIndexer: Indexer = {
  extensions: [".pdf"],
  isolated: true,
  async extract(input: ExtractInput): Promise<ExtractedDoc> {
    const bytes = new Uint8Array(input.bytes); // a copy: pdf.js takes ownership of what it is given
    checkHeader(bytes);
    const { PDFParse } = await import("pdf-parse"); // on first use, as for every heavy parser
    const parser = new PDFParse({ data: bytes, verbosity: 0 });
    try {
      // Text first: a failed getInfo() leaves pdf.js unable to report the real error (a password, say).
      const result = await parser.getText();
      const info = await parser.getInfo({ parsePageInfo: true }).catch(() => null);
      const pages = result.pages.filter((p) => p.text.trim() !== "");
      const meta = info?.info as Record<string, unknown> | undefined;
      const title = typeof meta?.Title === "string" ? meta.Title.trim() : "";
      if (result.total > 0 && pages.length === 0) {
        const count = `${result.total} page${result.total === 1 ? "" : "s"}`;
        if (!input.ocr?.enabled)
          throw new ExtractError(`no text layer — scanned image (${count}); ${OCR_OFF}`);
        if (!info || info.pages.length !== result.total)
          throw new ExtractError(
            `no text layer, and the size of its pages cannot be read (${count})`,
          );
        if (input.ocrLater) throw new OcrLater(`no text layer (${count}): read by OCR later`);
        const scanned = await ocrPages(parser, info.pages, input.ocr, () => true);
        if (scanned.segments.length === 0)
          throw new ExtractError(`no text layer, and OCR recognised no text on its ${count}`);
        const receipt = scanned.receipt && citedAfterPageLine(scanned.receipt);
        return {
          kind: "pdf",
          title,
          structure: "plain",
          segments: scanned.segments,
          ocr: { confidence: Math.round(scanned.confidence) },
          ...(receipt ? { tables: [receipt] } : {}),
        };
      }
      const segments: TextSegment[] = pages.map((p) => ({ text: p.text, page: p.num }));
      // Text pages and scanned ones in one file (a typed cover letter, then scans): the scans are
      // read by OCR too, and the pages keep their order.
      const withText = new Set(pages.map((p) => p.num));
      if (
        input.ocr?.enabled &&
        withText.size < result.total &&
        info?.pages.length === result.total
      ) {
        if (input.ocrLater) {
          const scans = result.total - withText.size;
          throw new OcrLater(
            `${scans} page${scans === 1 ? "" : "s"} without a text layer: read by OCR later`,
          );
        }
        const scanned = await ocrPages(parser, info.pages, input.ocr, (n) => !withText.has(n));
        if (scanned.segments.length > 0) {
          const all = [...segments, ...scanned.segments].sort(
            (a, b) => ("page" in a ? a.page : 0) - ("page" in b ? b.page : 0),
          );
          return {
            kind: "pdf",
            title,
            structure: "plain",
            segments: all,
            ocr: { confidence: Math.round(scanned.confidence) },
          };
        }
      }
      if (!input.ocr?.enabled && withText.size < result.total) {
        const scans = result.total - withText.size;
        const unread = `${scans} page${scans === 1 ? "" : "s"} without a text layer; ${OCR_OFF}`;
        return { kind: "pdf", title, structure: "plain", segments, unread };
      }
      return { kind: "pdf", title, structure: "plain", segments };
    } catch (err) {
      if (err instanceof ExtractError) throw err;
      const name = (err as Error).name;
      if (name === "PasswordException")
        throw new ExtractError("encrypted PDF (password protected); not indexed");
      if (name === "InvalidPDFException" || name === "FormatError") {
        throw new ExtractError(`damaged PDF: ${(err as Error).message}`);
      }
      throw err;
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  },
};
