// Gives every chunk a vector under the active model: after keyword-only indexing, or a model switch.
import { embeddingText } from "../chunk/chunker.js";
import type { Embedder } from "../embed/embedder.js";
import type { Store } from "../store/store.js";
import { vectorsFor } from "./embed-chunks.js";

const BATCH = 256;

export interface BackfillOptions {
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

/** Returns how many texts went through the model (cache hits cost nothing). */
export async function backfillVectors(
  store: Store,
  embedder: Embedder,
  options: BackfillOptions = {},
): Promise<number> {
  const total = store.vectors.countChunksWithoutVectors();
  let done = 0;
  let embedded = 0;
  for (;;) {
    // Another model's vectors would not fit the index (a switch completed while this one was loaded).
    if (store.vectors.activeModel()?.fingerprint !== embedder.info.fingerprint) return embedded;
    const pending = store.vectors.chunksWithoutVectors(BATCH);
    if (pending.length === 0) return embedded;
    const outcome = await vectorsFor(
      pending.map((c) => ({ hash: c.hash, text: embeddingText(c.heading, c.text) })),
      store,
      embedder,
      options.signal,
    );
    store.vectors.writeVectors(
      embedder.info.fingerprint,
      pending.map((c) => ({ chunkId: c.id, hash: c.hash, vector: outcome.vectors.get(c.hash)! })),
    );
    embedded += outcome.embedded;
    done += pending.length;
    options.onProgress?.({ done, total });
  }
}
