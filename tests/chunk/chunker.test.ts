// Tests: chunkDocument.
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../src/chunk/chunker.js";
import { estimateTokens } from "../../src/chunk/tokens.js";
import type { ExtractedDoc } from "../../src/indexers/indexer.js";

const CONFIG = { targetTokens: 80, overlapTokens: 15, minTokens: 20 };

function md(text: string, startLine = 1): ExtractedDoc {
  return { kind: "md", title: "", structure: "markdown", segments: [{ text, startLine }] };
}

describe("chunkDocument", () => {
  it("breaks at headings and records the heading path and exact line range", () => {
    const text = [
      "# Trip", // 1
      "", // 2
      `${"We planned the trip for weeks and weeks. ".repeat(4)}`, // 3
      "", // 4
      "## Budget", // 5
      "", // 6
      `${"Hotels cost more than expected this year. ".repeat(4)}`, // 7
      "Flights were cheap.", // 8
    ].join("\n");
    const chunks = chunkDocument(md(text), CONFIG);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatchObject({ heading: "Trip", location: { startLine: 1, endLine: 3 } });
    expect(chunks[1]).toMatchObject({
      heading: "Trip > Budget",
      location: { startLine: 5, endLine: 8 },
    });
    expect(chunks[1]!.text.startsWith("## Budget")).toBe(true);
  });

  it("keeps chunks within the token target, splitting long paragraphs at sentence ends with overlap", () => {
    const sentences = Array.from(
      { length: 40 },
      (_, i) => `Sentence number ${i} says something new.`,
    );
    const chunks = chunkDocument(md(sentences.join(" ")), CONFIG);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(estimateTokens(c.text)).toBeLessThanOrEqual(CONFIG.targetTokens);
    for (const c of chunks) expect(c.text).toMatch(/^Sentence number \d+/);
    // The next chunk starts with the end of the previous one.
    const lastOfFirst = chunks[0]!.text.split(". ").at(-1)!;
    expect(chunks[1]!.text).toContain(lastOfFirst.replace(/\.$/, ""));
  });

  it("tracks line numbers through split paragraphs and offsets", () => {
    const lines = Array.from(
      { length: 30 },
      (_, i) => `Line ${i + 1} of a long wrapped paragraph goes on.`,
    );
    const chunks = chunkDocument(md(lines.join("\n"), 10), CONFIG);
    expect(chunks[0]!.location).toMatchObject({ startLine: 10 });
    const last = chunks.at(-1)!;
    expect(last.location).toMatchObject({ endLine: 39 });
    for (const c of chunks) {
      const loc = c.location as { startLine: number; endLine: number };
      const firstNumber = Number(/Line (\d+)/.exec(c.text)![1]);
      expect(loc.startLine).toBe(firstNumber + 9);
      expect(loc.endLine).toBeGreaterThanOrEqual(loc.startLine);
    }
  });

  it("keeps a fenced code block's lines together and ignores headings inside it", () => {
    const text = "# Code\n\n```sh\n# not a heading\nls -la\n```\n\nAfter.";
    const chunks = chunkDocument(md(text), { ...CONFIG, minTokens: 1 });
    expect(chunks.map((c) => c.heading)).toEqual(["Code"]);
    expect(chunks[0]!.text).toContain("# not a heading\nls -la");
  });

  it("is deterministic and hashes the embedded text (heading included)", () => {
    const doc = md("# A\n\nSame words.\n\n# B\n\nSame words.");
    const one = chunkDocument(doc, { ...CONFIG, minTokens: 1 });
    const two = chunkDocument(doc, { ...CONFIG, minTokens: 1 });
    expect(one).toEqual(two);
    expect(one).toHaveLength(2);
    expect(one[0]!.hash).not.toBe(one[1]!.hash);
  });

  it("gives pages instead of lines for paged segments, and never spans two pages", () => {
    const doc: ExtractedDoc = {
      kind: "pdf",
      title: "",
      structure: "plain",
      segments: [
        { text: "First page text.", page: 1 },
        { text: "Second page text.", page: 2 },
      ],
    };
    const chunks = chunkDocument(doc, CONFIG);
    expect(chunks.map((c) => c.location)).toEqual([{ page: 1 }, { page: 2 }]);
  });

  it("returns no chunks for empty or blank text", () => {
    expect(chunkDocument(md(""), CONFIG)).toEqual([]);
    expect(chunkDocument(md("\n\n   \n"), CONFIG)).toEqual([]);
  });

  it("gives a chunk of recognised text the mean OCR confidence of its own lines", () => {
    const line = (n: number) => `Line ${n} of the scanned letter says something long enough here.`;
    const lines = Array.from({ length: 12 }, (_, i) => line(i + 1));
    const confidences = lines.map((_, i) => (i < 6 ? 90 : 40));
    const doc: ExtractedDoc = {
      kind: "image",
      title: "",
      structure: "plain",
      segments: [
        {
          text: lines.slice(0, 6).join("\n"),
          startLine: 1,
          lineConfidences: confidences.slice(0, 6),
        },
        { text: lines.slice(6).join("\n"), startLine: 7, lineConfidences: confidences.slice(6) },
      ],
    };
    const chunks = chunkDocument(doc, CONFIG);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      const { startLine, endLine } = chunk.location as { startLine: number; endLine: number };
      const own = confidences.slice(startLine - 1, endLine);
      expect(chunk.ocrConfidence).toBe(Math.round(own.reduce((a, c) => a + c, 0) / own.length));
    }
    expect(chunks[0]!.ocrConfidence).toBe(90);
    expect(chunks.at(-1)!.ocrConfidence).toBe(40);
    expect(chunkDocument(md("# Typed\n\nNo OCR here."), CONFIG)[0]).not.toHaveProperty(
      "ocrConfidence",
    );
  });
});
