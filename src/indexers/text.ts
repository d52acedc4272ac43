// Plain text and markdown: decoded text as one segment from line 1; markdown keeps its structure.
import { extname } from "node:path";
import { decodeText } from "./decode-text.js";
import type { ExtractInput, ExtractedDoc, Indexer } from "./indexer.js";

const MARKDOWN = new Set([".md", ".markdown", ".mdx"]);

/** YAML front matter: skipped as text, but a `title:` in it names the document. */
function splitFrontMatter(text: string): { body: string; bodyStartLine: number; title: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n/.exec(text);
  if (!match) return { body: text, bodyStartLine: 1, title: "" };
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(match[1]!)?.[1] ?? "";
  const consumedLines = match[0].split("\n").length - 1;
  return { body: text.slice(match[0].length), bodyStartLine: 1 + consumedLines, title };
}

function firstHeading(text: string): string {
  return /^#\s+(.+?)\s*#*\s*$/m.exec(text)?.[1] ?? "";
}

export const textIndexer: Indexer = {
  extensions: [".txt", ".text", ".md", ".markdown", ".mdx", ".rst", ".org", ".log"],
  // eslint-disable-next-line @typescript-eslint/require-await -- an Indexer is async; this one reads nothing
  async extract({ path, bytes }: ExtractInput): Promise<ExtractedDoc> {
    const text = decodeText(bytes);
    const ext = extname(path).toLowerCase();
    if (!MARKDOWN.has(ext)) {
      return {
        kind: ext.slice(1) || "txt",
        title: "",
        structure: "plain",
        segments: [{ text, startLine: 1 }],
      };
    }
    const { body, bodyStartLine, title } = splitFrontMatter(text);
    return {
      kind: "md",
      title: title || firstHeading(body),
      structure: "markdown",
      segments: [{ text: body, startLine: bodyStartLine }],
    };
  },
};
