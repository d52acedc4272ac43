// Decides whether searches rerank, and loads the reranker when they may: "auto" means on a GPU only.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { HearthPaths } from "../config/paths.js";
import type { Config } from "../config/schema.js";
import type { Logger } from "../log.js";
import { sharedLlama } from "./llama.js";
import { LlamaReranker } from "./llama-reranker.js";
import { RERANKER_PRESET } from "./presets.js";
import type { Reranker, RerankSettings } from "./reranker.js";

export async function loadReranker(
  config: Config,
  paths: HearthPaths,
  log: Logger,
): Promise<{ reranker: Reranker | null; settings: RerankSettings }> {
  const { enabled, model, candidates, budgetMs } = config.search.rerank;
  const off = (unavailable: string) => ({
    reranker: null,
    settings: { byDefault: false, candidates, budgetMs, unavailable },
  });
  if (enabled === false) return off("reranking is off (search.rerank.enabled is false)");
  const path = model ? resolve(model) : join(paths.modelsDir, RERANKER_PRESET.file);
  if (!existsSync(path)) {
    return off(
      model
        ? `search.rerank.model points to ${path}, which does not exist`
        : `no reranker installed: run \`hearth models pull ${RERANKER_PRESET.name}\` (${RERANKER_PRESET.sizeMB} MB)`,
    );
  }
  const { gpu, threads } = config.embedding;
  if (enabled === "auto" && (await sharedLlama(gpu, log)).gpu === false) {
    return off(
      'reranking is off on a CPU (search.rerank.enabled "auto"); set it to true to allow it',
    );
  }
  const reranker = await LlamaReranker.load({ modelPath: path, gpu, threads, log });
  return { reranker, settings: { byDefault: true, candidates, budgetMs, unavailable: "" } };
}
