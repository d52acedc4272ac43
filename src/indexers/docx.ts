// DOCX letters and reports: mammoth's HTML, so headings stay structure and tables stay rows.
import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import { htmlToText } from "./html-to-text.js";
import { ExtractError, type ExtractedDoc, type Indexer } from "./indexer.js";
import { sniffType } from "./sniff.js";
import { checkZip } from "./zip-limits.js";

export const docxIndexer: Indexer = {
  extensions: [".docx"],
  isolated: true,
  async extract(path: string, signal: AbortSignal): Promise<ExtractedDoc> {
    const bytes = await readFile(path, { signal });
    if (bytes.length === 0) throw new ExtractError("empty file (0 bytes)");
    const actual = sniffType(bytes);
    if (actual !== "a ZIP archive (or an Office document)") {
      throw new ExtractError(`not a DOCX document: the file is ${actual ?? "not a zip archive"}`);
    }
    checkZip(bytes);
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: bytes })).value;
    } catch (err) {
      throw new ExtractError(`damaged DOCX: ${(err as Error).message}`);
    }
    const { text } = htmlToText(html);
    if (!text) throw new ExtractError("the document has no text");
    const title = /^# (.+)$/m.exec(text)?.[1] ?? "";
    return { kind: "docx", title, structure: "markdown", segments: [{ text, startLine: 1 }] };
  },
};
