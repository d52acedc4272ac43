// Known embedding models: the default is small and fast enough to index a personal corpus on a laptop CPU.

export interface ModelPreset {
  name: string;
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
    file: "bge-small-en-v1.5-q8_0.gguf",
    url: "https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf",
    dimensions: 384,
    sizeMB: 36,
    languages: "English",
    description: "the default: fast on a laptop CPU, 512-token context",
  },
  {
    name: "nomic-embed-text-v1.5",
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
    file: "embeddinggemma-300M-Q8_0.gguf",
    url: "https://huggingface.co/ggml-org/embeddinggemma-300M-GGUF/resolve/main/embeddinggemma-300M-Q8_0.gguf",
    dimensions: 768,
    sizeMB: 329,
    languages: "100+ languages",
    description: "multilingual quality preset",
  },
];

export const DEFAULT_PRESET: ModelPreset = PRESETS[0]!;

export function findPreset(name: string): ModelPreset | undefined {
  return PRESETS.find((p) => p.name === name || p.file === name);
}
