// Extracts any supported file: small simple text inline, complex formats and large files in the
// limited worker pool, so a hostile or huge file never blocks the event loop.
import { decodeText } from "./decode-text.js";
import { ExtractError, type ExtractInput, type ExtractedDoc, type OcrSettings } from "./indexer.js";
import { ExtractorPool, type ExtractLimits } from "./extractor-pool.js";
import { indexerFor } from "./registry.js";

/** Text above this size is decoded in a worker: decoding and splitting megabytes takes a while. */
export const INLINE_MAX_BYTES = 1 << 20;

export interface Extractor {
  extract(input: ExtractInput, signal?: AbortSignal): Promise<ExtractedDoc>;
  /** A text file's bytes as text (any encoding Hearth reads), for `read`. */
  decode(input: ExtractInput, signal?: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

const NO_OCR: OcrSettings = { enabled: false, languages: [] };

export function createExtractor(limits: ExtractLimits, ocr: OcrSettings = NO_OCR): Extractor {
  let pool: ExtractorPool | null = null; // started on the first complex or large file
  const workers = () => (pool ??= new ExtractorPool(limits, ocr));
  return {
    extract(input, signal) {
      const indexer = indexerFor(input.path);
      if (!indexer) return Promise.reject(new ExtractError("no indexer for this kind of file"));
      if (!indexer.isolated && input.bytes.length <= INLINE_MAX_BYTES)
        return indexer.extract(input, signal ?? new AbortController().signal);
      return workers().extract(input, signal);
    },
    decode(input, signal) {
      if (input.bytes.length <= INLINE_MAX_BYTES) {
        try {
          return Promise.resolve(decodeText(input.bytes));
        } catch (err) {
          return Promise.reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
      return workers().decode(input, signal);
    },
    async close() {
      await pool?.close();
    },
  };
}
