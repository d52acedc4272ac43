// A model switch's work: load the next model, embed every chunk with it (the cache first), swap atomically.
import { embeddingText } from "../chunk/chunker.js";
import type { Config } from "../config/schema.js";
import type { Embedder } from "../embed/embedder.js";
import { LlamaEmbedder } from "../embed/llama-embedder.js";
import { HearthError } from "../errors.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import { vectorsFor } from "./embed-chunks.js";

export interface SwitchProgress {
  done: number;
  total: number;
}

export interface SwitchOptions {
  onProgress?: (p: SwitchProgress) => void;
  /** Called in the same tick as the swap, so nothing sees the new vectors with the old model. */
  onSwitched?: () => void;
  signal?: AbortSignal;
  batchSize?: number;
}

/**
 * Loads the GGUF at `modelPath` and begins (or resumes) switching the index to it. Returns null,
 * with the model closed, when it already is the index's model.
 */
export async function beginModelSwitch(
  store: Store,
  embedding: Config["embedding"],
  modelPath: string,
  log: Logger,
): Promise<LlamaEmbedder | null> {
  if (embedding.backend !== "llama") {
    throw new HearthError(
      "BAD_ARGUMENT",
      "models use switches GGUF models, and the config uses Ollama",
      "set embedding.ollama.model in the config instead, then `hearth reindex --vectors`",
    );
  }
  const { gpu, threads } = embedding;
  const embedder = await LlamaEmbedder.load({ modelPath, gpu, threads, log });
  const { fingerprint, dimensions } = embedder.info;
  if (store.vectors.beginSwitch({ fingerprint, dimensions, modelPath })) return embedder;
  await embedder.close();
  return null;
}

/**
 * Embeds what the switch still needs with `embedder` (the next model) and completes the switch.
 * Chunks added meanwhile are picked up; the swap happens when none is left. Returns how many texts
 * went through the model (texts it embedded before come from the cache).
 */
export async function reembedForSwitch(
  store: Store,
  embedder: Embedder,
  options: SwitchOptions = {},
): Promise<number> {
  let done = 0;
  let embedded = 0;
  for (;;) {
    const target = store.vectors.pendingSwitch();
    if (target?.fingerprint !== embedder.info.fingerprint) {
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `the switch to ${embedder.info.name} was cancelled or replaced`,
        "run `hearth models use` again",
      );
    }
    const pending = store.vectors.chunksPendingSwitch(options.batchSize ?? 256);
    if (pending.length === 0 && store.vectors.completeSwitch()) {
      options.onSwitched?.();
      return embedded;
    }
    const outcome = await vectorsFor(
      pending.map((c) => ({ hash: c.hash, text: embeddingText(c.heading, c.text) })),
      store,
      embedder,
      options.signal,
    );
    store.vectors.writeSwitchVectors(
      target,
      pending.map((c) => ({ chunkId: c.id, hash: c.hash, vector: outcome.vectors.get(c.hash)! })),
    );
    embedded += outcome.embedded;
    done += pending.length;
    options.onProgress?.({ done, total: done + store.vectors.countPendingSwitch() });
  }
}
