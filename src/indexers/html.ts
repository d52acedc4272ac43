// HTML pages: visible text with headings, as markdown structure; the <title> names the document.
import { decodeText } from "./decode-text.js";
import { htmlToText } from "./html-to-text.js";
import { ExtractError, type ExtractInput, type ExtractedDoc, type Indexer } from "./indexer.js";

export const htmlIndexer: Indexer = {
  extensions: [".html", ".htm", ".xhtml"],
  isolated: true,
  // eslint-disable-next-line @typescript-eslint/require-await -- an Indexer is async; this one reads nothing
  async extract({ bytes }: ExtractInput): Promise<ExtractedDoc> {
    const { title, text } = htmlToText(decodeText(bytes));
    if (!text) throw new ExtractError("no visible text in this HTML page");
    const h1 = /^# (.+)$/m.exec(text)?.[1] ?? "";
    return {
      kind: "html",
      title: title || h1,
      structure: "markdown",
      segments: [{ text, startLine: 1 }],
    };
  },
};
