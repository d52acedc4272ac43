// DOCX letters and reports: mammoth's HTML, so headings stay structure and tables stay rows.
import { htmlToText } from "./html-to-text.js";
import { ExtractError, type ExtractInput, type ExtractedDoc, type Indexer } from "./indexer.js";
import { officeZip } from "./zip-limits.js";

export const docxIndexer: Indexer = {
  extensions: [".docx"],
  isolated: true,
  async extract(input: ExtractInput): Promise<ExtractedDoc> {
    const bytes = officeZip(input.bytes, "a DOCX document");
    let html: string;
    try {
      // Loaded on first use (in an extraction worker): processes that never meet a DOCX skip it.
      const { convertToHtml } = await import("mammoth");
      html = (await convertToHtml({ buffer: bytes })).value;
    } catch (err) {
      throw new ExtractError(`damaged DOCX: ${(err as Error).message}`);
    }
    const { text } = htmlToText(html);
    if (!text) throw new ExtractError("the document has no text");
    const title = /^# (.+)$/m.exec(text)?.[1] ?? "";
    return { kind: "docx", title, structure: "markdown", segments: [{ text, startLine: 1 }] };
  },
};
