// The models a user can choose from: the presets (installed or not) and any other GGUF in the
// model cache, with the one the config names marked active.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type ModelPreset, PRESETS } from "./presets.js";
import { resolveModel } from "./resolve-model.js";

export interface ModelCatalog {
  modelsDir: string;
  presets: (ModelPreset & { installed: boolean; active: boolean })[];
  /** Models in the cache that are no preset (pulled from a URL, hf: or a file). */
  installed: { file: string; path: string; bytes: number; active: boolean }[];
}

export function modelCatalog(modelsDir: string, configured: string | null): ModelCatalog {
  const active = resolveModel(configured, modelsDir);
  const isActive = (path: string) => active.kind === "file" && active.path === path;
  const presets = PRESETS.map((p) => {
    const file = join(modelsDir, p.file);
    return { ...p, installed: existsSync(file), active: isActive(file) };
  });
  const presetFiles = new Set(PRESETS.map((p) => p.file));
  const installed = (existsSync(modelsDir) ? readdirSync(modelsDir) : [])
    .filter((f) => f.endsWith(".gguf") && !presetFiles.has(f))
    .sort()
    .map((file) => {
      const path = join(modelsDir, file);
      return { file, path, bytes: statSync(path).size, active: isActive(path) };
    });
  return { modelsDir, presets, installed };
}
