// Wires one Hearth instance from the environment: paths, validated config, store, embedder, searcher.
import { chunkerSignature } from "./chunk/chunker.js";
import { loadConfig } from "./config/load-config.js";
import { resolveHearthPaths, type HearthPaths } from "./config/paths.js";
import type { Config } from "./config/schema.js";
import type { Embedder } from "./embed/embedder.js";
import { LlamaEmbedder } from "./embed/llama-embedder.js";
import { OllamaEmbedder } from "./embed/ollama-embedder.js";
import { resolveModel } from "./embed/resolve-model.js";
import type { Logger } from "./log.js";
import type { IndexDeps } from "./pipeline/index-file.js";
import { Searcher } from "./search/search.js";
import { loadReranker } from "./search/load-reranker.js";
import type { LlamaReranker } from "./embed/llama-reranker.js";
import { createExtractor } from "./indexers/extractor.js";
import { openDatabase } from "./store/open-database.js";
import { Store } from "./store/store.js";
import { AuditLog } from "./store/audit-log.js";

export interface Hearth {
  paths: HearthPaths;
  config: Config;
  store: Store;
  embedder: Embedder | null;
  reranker: LlamaReranker | null;
  /** Why searches do not rerank by default, when they do not. */
  rerankNotice: string | null;
  /** Why semantic search is off, with how to turn it on; null when a model is loaded. */
  modelNotice: string | null;
  searcher: Searcher;
  indexDeps: IndexDeps;
  audit: AuditLog;
  /**
   * Swaps in the model a completed switch made active, at once (no await between the store's swap
   * and this one), and returns the one it replaces for the caller to close.
   */
  useEmbedder(embedder: Embedder): Embedder | null;
  close(): Promise<void>;
}

export interface OpenHearthOptions {
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** Read-only: search and status from another process while the index is being written. */
  readonly?: boolean;
  /** Load the embedding model (not needed for status). */
  loadModel?: boolean;
  /**
   * Accept new settings instead of refusing them: "vectors" rebinds the vector index to the configured
   * model; "all" also marks every file for re-chunking. The embedding cache is kept either way.
   */
  reindex?: "vectors" | "all";
}

export async function openHearth(options: OpenHearthOptions): Promise<Hearth> {
  const paths = resolveHearthPaths(options.env);
  const config = loadConfig(paths.configFile);
  const store = new Store(openDatabase(paths.indexFile, { readonly: options.readonly ?? false }));
  try {
    if (options.reindex === "all") store.invalidateChunks(chunkerSignature(config.chunking));
    if (!options.readonly) store.checkChunker(chunkerSignature(config.chunking));
    const { embedder, notice } =
      options.loadModel === false
        ? { embedder: null, notice: "model not loaded" }
        : await loadEmbedder(config, paths, store, options);
    const { reranker, settings: rerank } =
      options.loadModel === false
        ? { reranker: null, settings: null }
        : await loadReranker(config, paths, options.log);
    const extractor = createExtractor({
      timeoutMs: config.index.extractTimeoutMs,
      memoryMb: config.index.extractMemoryMb,
      workers: config.index.concurrency,
    });
    let closed = false;
    const hearth: Hearth = {
      paths,
      config,
      store,
      embedder,
      reranker,
      rerankNotice: rerank && !rerank.byDefault ? rerank.unavailable : null,
      modelNotice: notice,
      searcher: new Searcher(store, embedder, config.search, notice ?? undefined, reranker, rerank),
      audit: new AuditLog(store.db),
      indexDeps: {
        store,
        extractor,
        embedder,
        chunking: config.chunking,
        maxFileBytes: config.index.maxFileBytes,
        ignore: { exclude: config.index.exclude, indexSecrets: config.index.indexSecrets },
      },
      useEmbedder(next) {
        const previous = hearth.embedder;
        hearth.embedder = next;
        hearth.indexDeps.embedder = next;
        hearth.modelNotice = null;
        hearth.searcher.useEmbedder(next);
        return previous === next ? null : previous;
      },
      async close() {
        if (closed) return;
        closed = true;
        await extractor.close();
        await hearth.embedder?.close();
        await reranker?.close();
        store.close();
      },
    };
    return hearth;
  } catch (err) {
    store.close();
    throw err;
  }
}

async function loadEmbedder(
  config: Config,
  paths: HearthPaths,
  store: Store,
  options: OpenHearthOptions,
): Promise<{ embedder: Embedder | null; notice: string | null }> {
  let embedder: Embedder;
  if (config.embedding.backend === "ollama") {
    embedder = await OllamaEmbedder.connect({
      ...config.embedding.ollama,
      batchSize: config.embedding.batchSize,
    });
  } else {
    const choice = resolveModel(config.embedding.model, paths.modelsDir);
    if (choice.kind === "none")
      return { embedder: null, notice: `${choice.reason}; ${choice.hint}` };
    embedder = await LlamaEmbedder.load({
      modelPath: choice.path,
      gpu: config.embedding.gpu,
      threads: config.embedding.threads,
      log: options.log,
    });
  }
  try {
    const { fingerprint, dimensions } = embedder.info;
    if (options.reindex) {
      store.replaceVectorIndex(fingerprint, dimensions);
    } else if (!options.readonly) {
      store.activateModel(fingerprint, dimensions);
    } else {
      store.assertModelMatches(fingerprint, dimensions);
      if (!store.activeModel()) {
        await embedder.close();
        return {
          embedder: null,
          notice: "the index has no vectors yet; run `hearth index` with the model installed",
        };
      }
    }
  } catch (err) {
    await embedder.close();
    throw err;
  }
  return { embedder, notice: null };
}
