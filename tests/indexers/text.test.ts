// Tests: decodeText; textIndexer.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/indexers/decode-text.js";
import { createExtractor } from "../../src/indexers/extractor.js";
import { ExtractError } from "../../src/indexers/indexer.js";
import { textIndexer } from "../../src/indexers/text.js";
import { fileInput, tempDir, writeTree } from "../helpers.js";

const signal = new AbortController().signal;

describe("decodeText", () => {
  it("decodes UTF-8 with and without BOM, UTF-16 LE/BE by BOM, and Windows-1252 fallback", () => {
    expect(decodeText(Buffer.from("café ☕", "utf8"))).toBe("café ☕");
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("naïve")]))).toBe(
      "naïve",
    );
    expect(
      decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("résumé", "utf16le")])),
    ).toBe("résumé");
    const be = Buffer.from("日本", "utf16le").swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe("日本");
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe("café €");
  });

  it("refuses binary content with a reason", () => {
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x00, 0x01]))).toThrow(ExtractError);
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x00, 0x01]))).toThrow(/binary/);
  });
});

describe("textIndexer", () => {
  it("takes a markdown title from front matter or the first heading, and keeps line numbers after front matter", async () => {
    const dir = tempDir();
    writeTree(dir, {
      "a.md": "---\ntitle: Lease notes\ntags: [home]\n---\n# Heading\nBody\n",
      "b.md": "Intro\n# First heading\n",
      "c.txt": "plain text\n",
    });
    const a = await textIndexer.extract(fileInput(join(dir, "a.md")), signal);
    expect(a).toMatchObject({ kind: "md", title: "Lease notes", structure: "markdown" });
    expect(a.segments).toEqual([{ text: "# Heading\nBody\n", startLine: 5 }]);
    expect((await textIndexer.extract(fileInput(join(dir, "b.md")), signal)).title).toBe(
      "First heading",
    );
    expect(await textIndexer.extract(fileInput(join(dir, "c.txt")), signal)).toMatchObject({
      kind: "txt",
      structure: "plain",
      title: "",
    });
  });
});

describe("large text files", () => {
  it("are decoded off the event loop, Windows-1252 included", async () => {
    const extractor = createExtractor({ timeoutMs: 20_000, memoryMb: 256, workers: 1 });
    try {
      const path = join(tempDir(), "legacy.txt");
      // 3 MB of Windows-1252: "caf\xe9 co\xfbt \x80 5" is "café coût € 5".
      const line = Buffer.from([
        0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x6f, 0xfb, 0x74, 0x20, 0x80, 0x20, 0x35, 0x0a,
      ]);
      writeFileSync(path, Buffer.concat(Array.from({ length: 220_000 }, () => line)));
      const order: string[] = [];
      const decoded = extractor.decode(fileInput(path)).then((text) => {
        order.push("decoded");
        return text;
      });
      setImmediate(() => order.push("event loop ran"));
      const text = await decoded;
      expect(order[0]).toBe("event loop ran"); // inline decoding would have finished first
      expect(text.slice(0, 14)).toBe("café coût € 5\n");
      const doc = await extractor.extract(fileInput(path));
      expect(doc.segments[0]!.text.length).toBe(text.length);
    } finally {
      await extractor.close();
    }
  });
});
