// The embedding model in use: the one holder the searcher, the indexer and status read. A completed
// model switch swaps it in one step, so nothing embeds with one model and stores under another.
import type { Embedder } from "./embedder.js";

export class ModelInUse {
  constructor(
    private embedder: Embedder | null,
    /** Why there is no model, with how to get one; null when one is loaded. */
    private why: string | null,
  ) {}

  get current(): Embedder | null {
    return this.embedder;
  }

  /** Why semantic search is off, with the fix; null when a model is loaded. */
  get notice(): string | null {
    return this.embedder ? null : this.why;
  }

  /** Puts `next` in use and returns the model it replaces (for the caller to close), if another. */
  swap(next: Embedder): Embedder | null {
    const previous = this.embedder;
    this.embedder = next;
    return previous === next ? null : previous;
  }

  async close(): Promise<void> {
    const embedder = this.embedder;
    this.embedder = null;
    await embedder?.close();
  }
}
