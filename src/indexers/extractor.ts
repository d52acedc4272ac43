// Extracts any supported file: simple text inline, complex formats in the limited worker pool.
import { ExtractError, type ExtractedDoc } from "./indexer.js";
import { ExtractorPool, type ExtractLimits } from "./extractor-pool.js";
import { indexerFor } from "./registry.js";

export interface Extractor {
  extract(path: string, signal?: AbortSignal): Promise<ExtractedDoc>;
  close(): Promise<void>;
}

export function createExtractor(limits: ExtractLimits): Extractor {
  let pool: ExtractorPool | null = null; // started on the first complex file
  return {
    extract(path, signal) {
      const indexer = indexerFor(path);
      if (!indexer) return Promise.reject(new ExtractError("no indexer for this kind of file"));
      if (!indexer.isolated) return indexer.extract(path, signal ?? new AbortController().signal);
      pool ??= new ExtractorPool(limits);
      return pool.extract(path, signal);
    },
    async close() {
      await pool?.close();
    },
  };
}
