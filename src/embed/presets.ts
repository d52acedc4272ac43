// Known embedding models: the default is small and fast enough to index a personal corpus on a laptop CPU.

export interface ModelPreset {
  name: string;
  file: string;
  url: string;
  dimensions: number;
  sizeMB: number;
  description: string;
}

export const DEFAULT_PRESET: ModelPreset = {
  name: "bge-small-en-v1.5",
  file: "bge-small-en-v1.5-q8_0.gguf",
  url: "https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf",
  dimensions: 384,
  sizeMB: 36,
  description: "English, 384 dimensions, 512-token context; fast on CPU",
};
