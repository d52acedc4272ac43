// Opens one Hearth instance from the environment: paths, validated config, store, the model in use,
// reranker, searcher and extractor — each released on every path, last acquired first.
import { realpathSync } from "node:fs";
import { chunkerSignature } from "./chunk/chunker.js";
import { Closers } from "./closers.js";
import { keyForIndex } from "./config/index-key.js";
import { loadConfig } from "./config/load-config.js";
import { memoryDirOf, resolveHearthPaths, type HearthPaths } from "./config/paths.js";
import type { Config } from "./config/schema.js";
import type { Embedder } from "./embed/embedder.js";
import { LlamaEmbedder } from "./embed/llama-embedder.js";
import { loadReranker } from "./embed/load-reranker.js";
import { ModelInUse } from "./embed/model-in-use.js";
import { OllamaEmbedder } from "./embed/ollama-embedder.js";
import type { Reranker } from "./embed/reranker.js";
import { resolveModel } from "./embed/resolve-model.js";
import { createExtractor, type Extractor } from "./indexers/extractor.js";
import type { Logger } from "./log.js";
import type { IndexDeps } from "./pipeline/index-file.js";
import { Searcher } from "./search/search.js";
import type { IndexKey } from "./store/cipher.js";
import { Store } from "./store/store.js";

export interface Hearth {
  paths: HearthPaths;
  config: Config;
  store: Store;
  /** The embedding model in use (none: keyword only, with the notice saying why). */
  model: ModelInUse;
  reranker: Reranker | null;
  /** Why searches do not rerank by default, when they do not. */
  rerankNotice: string | null;
  searcher: Searcher;
  extractor: Extractor;
  indexDeps: IndexDeps;
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
  /** The passphrase of an encrypted index when given here (typed at a prompt); else it is looked up. */
  key?: IndexKey;
}

export async function openHearth(options: OpenHearthOptions): Promise<Hearth> {
  const paths = resolveHearthPaths(options.env);
  const config = loadConfig(paths.configFile);
  const closers = new Closers();
  try {
    const key = await keyForIndex(paths.indexFile, options.env ?? process.env, options.key);
    const store = Store.open(paths.indexFile, { readonly: options.readonly ?? false, key });
    closers.add(() => store.close());
    if (options.reindex === "all") store.invalidateChunks(chunkerSignature(config.chunking));
    if (!options.readonly) store.checkChunker(chunkerSignature(config.chunking));
    const { embedder, notice } =
      options.loadModel === false
        ? { embedder: null, notice: "model not loaded" }
        : await loadEmbedder(config, paths, store, options);
    const model = new ModelInUse(embedder, notice);
    closers.add(() => model.close());
    const { reranker, settings: rerank } =
      options.loadModel === false
        ? { reranker: null, settings: null }
        : await loadReranker(config, paths, options.log);
    if (reranker) closers.add(() => reranker.close());
    const extractor = createExtractor(
      {
        timeoutMs: config.index.extractTimeoutMs,
        memoryMb: config.index.extractMemoryMb,
        workers: config.index.concurrency,
      },
      config.ocr,
    );
    closers.add(() => extractor.close());
    let closing: Promise<void> | null = null;
    return {
      paths,
      config,
      store,
      model,
      reranker,
      rerankNotice: rerank && !rerank.byDefault ? rerank.unavailable : null,
      searcher: new Searcher({
        store,
        model,
        settings: config.search,
        reranker,
        rerankSettings: rerank,
      }),
      extractor,
      indexDeps: {
        store,
        extractor,
        model,
        chunking: config.chunking,
        maxFileBytes: config.index.maxFileBytes,
        ocrEnabled: config.ocr.enabled,
        ignore: {
          exclude: config.index.exclude,
          indexSecrets: config.index.indexSecrets,
          // Hearth's own data folder (index, logs, token) is never indexed, but for its memory folder.
          private: [
            {
              dir: realOrSelf(paths.dataDir),
              except: realOrSelf(memoryDirOf(config.memory.dir, paths)),
            },
          ],
        },
      },
      close: () => (closing ??= closers.close()),
    };
  } catch (err) {
    await closers.close().catch(() => undefined);
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
      store.vectors.replaceIndex(fingerprint, dimensions);
    } else if (!options.readonly) {
      store.vectors.activateModel(fingerprint, dimensions);
    } else {
      store.vectors.assertModelMatches(fingerprint, dimensions);
      if (!store.vectors.activeModel()) {
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

/** Paths are compared as real paths (roots are); a folder not made yet is compared as written. */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
