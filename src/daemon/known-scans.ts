// The documents whose last reading needed OCR (scanned PDFs): a change to one is read in the slow
// lane, like a photo, so it never holds up a saved note. A document stays one only while it is
// read by OCR: a scan replaced by a typed PDF is back in the fast lane.
import type { FileOutcome } from "../pipeline/index-file.js";

export class KnownScans {
  private readonly paths = new Set<string>();

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** After `path` was read (or found gone, or no longer indexed: pass "gone"). */
  record(path: string, outcome: FileOutcome | "gone"): void {
    if (outcome === "gone") this.paths.delete(path);
    else if (outcome.status === "ocr-later" || (outcome.status === "indexed" && outcome.ocr))
      this.paths.add(path);
    else if (outcome.status !== "same-content") this.paths.delete(path);
  }
}
