// The Reranker seam, beside the Embedder: scores how well a passage answers a query.

export interface Reranker {
  readonly name: string;
  /** Which backend runs it: false for the CPU. */
  readonly gpu: string | false;
  /** A relevance probability (0–1) for the passage. */
  score(query: string, passage: string): Promise<number>;
  close(): Promise<void>;
}

/** Whether searches rerank by default, with what budget, and why not when they cannot. */
export interface RerankSettings {
  /** Whether a search reranks when it does not say; "auto" resolved (GPU: on, CPU: off). */
  byDefault: boolean;
  candidates: number;
  budgetMs: number;
  /** Why there is no reranker, for a search that asks for one. */
  unavailable: string;
}
