// Vectors for chunks: from the cache when the text was embedded before, from the model otherwise.
import type { Embedder } from "../embed/embedder.js";
import type { Store } from "../store/store.js";

export interface TextToEmbed {
  hash: string;
  text: string;
}

export interface EmbedOutcome {
  vectors: Map<string, Float32Array>;
  embedded: number;
  cached: number;
}

export async function vectorsFor(
  items: readonly TextToEmbed[],
  store: Store,
  embedder: Embedder,
  signal?: AbortSignal,
): Promise<EmbedOutcome> {
  const vectors = store.vectors.cachedVectors(
    embedder.info.fingerprint,
    items.map((i) => i.hash),
  );
  const cached = vectors.size;
  const missing = new Map<string, string>();
  for (const item of items) if (!vectors.has(item.hash)) missing.set(item.hash, item.text);
  const hashes = [...missing.keys()];
  const computed = await embedder.embedDocuments([...missing.values()], signal);
  hashes.forEach((hash, i) => vectors.set(hash, computed[i]!));
  return { vectors, embedded: hashes.length, cached };
}
