// Tests: a document is read in the slow lane while its last reading needed OCR, and only then.
import { describe, expect, it } from "vitest";
import { KnownScans } from "../../src/daemon/known-scans.js";
import type { FileOutcome } from "../../src/pipeline/index-file.js";

const indexed = (ocr: boolean): FileOutcome => ({
  status: "indexed",
  chunks: 1,
  embedded: 0,
  cached: 0,
  ocr,
});

describe("known scans", () => {
  it("keeps a scan while it is read by OCR, and lets it go once it is not", () => {
    const scans = new KnownScans();
    scans.record("/a.pdf", { status: "ocr-later" });
    expect(scans.has("/a.pdf")).toBe(true);
    scans.record("/a.pdf", indexed(true));
    scans.record("/a.pdf", { status: "same-content" }); // touched: still the same scan
    expect(scans.has("/a.pdf")).toBe(true);
    // Saved over with a typed PDF: its next change is read in the fast lane again.
    scans.record("/a.pdf", indexed(false));
    expect(scans.has("/a.pdf")).toBe(false);
  });

  it("forgets a scan that failed, was deleted or is no longer indexed", () => {
    const scans = new KnownScans();
    for (const end of [{ status: "failed", error: "corrupt" } as const, "gone" as const]) {
      scans.record("/b.pdf", indexed(true));
      scans.record("/b.pdf", end);
      expect(scans.has("/b.pdf")).toBe(false);
    }
  });
});
