// Tests: the text `read` serves, numbered, with a cursor to continue.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createExtractor } from "../../src/indexers/extractor.js";
import { decodeReadCursor, documentText, lineRange } from "../../src/service/ops/read.js";
import { fileInput, tempDir } from "../helpers.js";
import { makePdf } from "../indexers/fixtures.js";

const extractor = createExtractor({ timeoutMs: 20_000, memoryMb: 256, workers: 1 });
afterAll(() => extractor.close());

async function readRange(path: string, start: number, end?: number, maxChars?: number) {
  return lineRange(path, await documentText(fileInput(path), extractor), start, end, maxChars);
}

describe("read's text", () => {
  it("numbers a text file's lines and continues from a cursor", async () => {
    const path = join(tempDir(), "a.txt");
    writeFileSync(path, Array.from({ length: 100 }, (_, i) => `row ${i + 1}`).join("\n"));
    const first = await readRange(path, 10, 60, 200);
    expect(first.text.split("\n")[0]).toBe("10\trow 10");
    expect(first.endLine).toBeLessThan(60);
    expect(decodeReadCursor(first.nextCursor!)).toEqual({ path, line: first.endLine + 1 });
    const rest = await readRange(path, first.endLine + 1, 60);
    expect(rest.endLine).toBe(60);
    expect(rest.nextCursor).toBeUndefined();
  });

  it("reads a PDF as its extracted text with page markers", async () => {
    const path = join(tempDir(), "s.pdf");
    writeFileSync(path, await makePdf(["First page words", "Second page words"]));
    const range = await readRange(path, 1, undefined);
    expect(range.text).toMatch(
      /^1\t\[page 1\]\n2\tFirst page words\n3\t\[page 2\]\n4\tSecond page words/,
    );
  });
});
