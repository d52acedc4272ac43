// Finds the GGUF file to embed with: the configured path, else the default preset in the model cache.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { HearthError } from "../errors.js";
import { DEFAULT_PRESET } from "./presets.js";

export type ModelChoice =
  { kind: "file"; path: string } | { kind: "none"; reason: string; hint: string };

export function resolveModel(configured: string | null, modelsDir: string): ModelChoice {
  if (configured !== null) {
    const path = resolve(configured);
    if (!existsSync(path)) {
      throw new HearthError(
        "MODEL_MISSING",
        `embedding.model points to ${path}, which does not exist`,
        "fix the path in the config, or set embedding.model to null to use the default model",
      );
    }
    return { kind: "file", path };
  }
  const preset = join(modelsDir, DEFAULT_PRESET.file);
  if (existsSync(preset)) return { kind: "file", path: preset };
  return {
    kind: "none",
    reason: `semantic search is off: no embedding model at ${preset}`,
    hint: `run \`hearth models pull\` to download ${DEFAULT_PRESET.name} (${DEFAULT_PRESET.sizeMB} MB), or set embedding.model in the config to a GGUF embedding model`,
  };
}
