// Known embedding models: the default is small and fast enough to index a personal corpus on a laptop CPU.

export interface ModelPreset {
  name: string;
  /** Embedding models make the index's vectors; a reranker re-scores a search's top candidates. */
  kind: "embedding" | "reranker";
  file: string;
  url: string;
  dimensions: number;
  sizeMB: number;
  languages: string;
  description: string;
}

export const PRESETS: readonly ModelPreset[] = [
  {
    name: "bge-small-en-v1.5",
    kind: "embedding",
    file: "bge-small-en-v1.5-q8_0.gguf",
    url: "https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf",
    dimensions: 384,
    sizeMB: 36,
    languages: "English",
    description: "the default: fast on a laptop CPU, 512-token context",
  },
  {
    name: "nomic-embed-text-v1.5",
    kind: "embedding",
    file: "nomic-embed-text-v1.5.Q8_0.gguf",
    url: "https://huggingface.co/nomic-ai/nomic-embed-text-v1.5-GGUF/resolve/main/nomic-embed-text-v1.5.Q8_0.gguf",
    dimensions: 768,
    sizeMB: 146,
    languages: "English",
    description:
      "better recall on long notes, 8k context; about 4× slower to index than the default",
  },
  {
    name: "embeddinggemma-300m",
    kind: "embedding",
    file: "embeddinggemma-300M-Q8_0.gguf",
    url: "https://huggingface.co/ggml-org/embeddinggemma-300M-GGUF/resolve/main/embeddinggemma-300M-Q8_0.gguf",
    dimensions: 768,
    sizeMB: 329,
    languages: "100+ languages",
    description: "multilingual quality preset",
  },
  {
    name: "bge-reranker-v2-m3",
    kind: "reranker",
    file: "bge-reranker-v2-m3-Q8_0.gguf",
    url: "https://huggingface.co/gpustack/bge-reranker-v2-m3-GGUF/resolve/main/bge-reranker-v2-m3-Q8_0.gguf",
    dimensions: 0,
    sizeMB: 636,
    languages: "100+ languages",
    description:
      "reranker (search.rerank): sharper top results; worth it with a GPU, slow on a CPU",
  },
];

export const DEFAULT_PRESET: ModelPreset = PRESETS[0]!;
export const RERANKER_PRESET: ModelPreset = PRESETS.find((p) => p.kind === "reranker")!;

export function findPreset(name: string): ModelPreset | undefined {
  return PRESETS.find((p) => p.name === name || p.file === name);
}
