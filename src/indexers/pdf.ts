// PDF: text per page with pdf-parse 2 (pdf.js); encrypted and image-only PDFs are reported, not indexed empty.
import { ExtractError, type ExtractInput, type ExtractedDoc, type Indexer } from "./indexer.js";
import { sniffType } from "./sniff.js";

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
      const info = await parser.getInfo().catch(() => null);
      const pages = result.pages.filter((p) => p.text.trim() !== "");
      if (result.total > 0 && pages.length === 0) {
        throw new ExtractError(
          `no text layer — scanned image (${result.total} page${result.total === 1 ? "" : "s"}); not indexed`,
        );
      }
      const meta = info?.info as Record<string, unknown> | undefined;
      const title = typeof meta?.Title === "string" ? meta.Title.trim() : "";
      return {
        kind: "pdf",
        title,
        structure: "plain",
        segments: pages.map((p) => ({ text: p.text, page: p.num })),
      };
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
