// Changes the user's config file in place (roots, the model), keeping what else it holds; written 0600, atomically.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { HearthError, errorMessage } from "../errors.js";
import { parseConfig } from "./load-config.js";

function readRaw(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new HearthError("CONFIG_UNREADABLE", `cannot read ${path}: ${errorMessage(err)}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new HearthError(
      "CONFIG_INVALID",
      `${path} is not valid JSON: ${errorMessage(err)}`,
      "fix the syntax first",
    );
  }
}

/** Validates the changed config, then writes it atomically, owner-only. */
function writeConfig(path: string, next: Record<string, unknown>): void {
  parseConfig(next, path);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
  renameSync(temp, path);
}

/** Applies `change` to the configured roots; the result is validated before it is written. */
export function updateRoots(path: string, change: (roots: string[]) => string[]): string[] {
  const raw = readRaw(path);
  const current = Array.isArray(raw.roots)
    ? raw.roots.filter((r): r is string => typeof r === "string")
    : [];
  const roots = [...new Set(change(current))];
  writeConfig(path, { ...raw, roots });
  return roots;
}

/** Points embedding.model at a GGUF file (after a completed model switch), keeping the rest. */
export function setEmbeddingModel(path: string, modelPath: string): void {
  const raw = readRaw(path);
  const embedding =
    typeof raw.embedding === "object" && raw.embedding !== null ? raw.embedding : {};
  writeConfig(path, { ...raw, embedding: { ...embedding, model: modelPath } });
}
