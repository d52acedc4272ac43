// The Embedder seam: texts in, unit vectors out. One llama.cpp implementation; tests use it with a generated model.

export interface EmbedderInfo {
  /** Human name of the model, e.g. "bge-small-en-v1.5". */
  name: string;
  /** Identifies the exact vectors this embedder produces (model file, prompt format, dimensions). */
  fingerprint: string;
  dimensions: number;
}

export interface Embedder {
  readonly info: EmbedderInfo;
  /** Embeds passages to be stored, in order. */
  embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Embeds a search query (models with asymmetric prompts format it differently). */
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array>;
  /** How many texts this embedder has run through the model: the cost that caching saves. */
  readonly embeddedCount: number;
  close(): Promise<void>;
}

export function normalize(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let sum = 0;
  for (const x of out) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}
