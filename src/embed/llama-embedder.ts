// Embedder backed by a local GGUF model through node-llama-cpp; llama.cpp's own logs go to stderr.
import { createHash } from "node:crypto";
import { openSync, readSync, closeSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import type { LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { HearthError, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import { ContextPool, PriorityGate } from "./context-pool.js";
import { normalize, type Embedder, type EmbedderInfo } from "./embedder.js";
import { type GpuSetting, disposeWithin, sharedLlama } from "./llama.js";
import { promptFormatFor, type PromptFormat } from "./model-family.js";

export interface LlamaEmbedderOptions {
  modelPath: string;
  gpu: GpuSetting;
  /** CPU threads for documents; 0: one per available core. */
  threads: number;
  log: Logger;
}

/** Bump when the way texts are prepared for the model changes: it invalidates cached vectors. */
const PREPARATION_VERSION = 1;

/** Chunks are bounded (chunking.targetTokens); a longer one is truncated for its vector. */
const DOCUMENT_CONTEXT_TOKENS = 2048;
/** Queries are short; one past this is truncated. */
const QUERY_CONTEXT_TOKENS = 512;
/** More contexts than this cost memory without adding speed on typical desktops. */
const MAX_DOCUMENT_CONTEXTS = 4;
/** The longest a document waits for queries to finish before it takes its turn anyway. */
const QUERY_PRIORITY_MAX_WAIT_MS = 200;

export interface ContextLayout {
  documentContexts: number;
  threadsPerDocumentContext: number;
  queryContexts: number;
}

/**
 * How the threads are spread. On a CPU, single-threaded contexts side by side beat one context with
 * many threads (llama.cpp's threads spin-wait at every layer, which turns to thrashing as soon as
 * anything else runs), and a query on its own context never waits behind a document:
 * docs/benchmarks.md has the figures. A GPU gets one context of each kind.
 */
export function contextLayout(onGpu: boolean, threads: number): ContextLayout {
  const cores = threads === 0 ? availableParallelism() : threads;
  if (onGpu) return { documentContexts: 1, threadsPerDocumentContext: cores, queryContexts: 1 };
  const documentContexts = Math.min(cores, MAX_DOCUMENT_CONTEXTS);
  return {
    documentContexts,
    threadsPerDocumentContext: Math.floor(cores / documentContexts),
    queryContexts: Math.min(cores, 2),
  };
}

/** Size plus a hash of the first MiB: cheap on a 600 MB model, and the header holds all metadata. */
function fileIdentity(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = createHash("sha256").update(buf.subarray(0, n)).digest("hex").slice(0, 16);
    return `${statSync(path).size}-${head}`;
  } finally {
    closeSync(fd);
  }
}

export class LlamaEmbedder implements Embedder {
  embeddedCount = 0;

  private constructor(
    readonly info: EmbedderInfo,
    private readonly model: LlamaModel,
    private readonly documentContexts: ContextPool<LlamaEmbeddingContext>,
    private readonly queryContexts: ContextPool<LlamaEmbeddingContext>,
    private readonly format: PromptFormat,
    private readonly maxTokens: { document: number; query: number },
  ) {}

  /** Queries under way: a document waits for them before it takes a context, so a search never queues behind indexing. */
  private readonly queries = new PriorityGate(QUERY_PRIORITY_MAX_WAIT_MS);

  static async load(options: LlamaEmbedderOptions): Promise<LlamaEmbedder> {
    const { modelPath, log } = options;
    let model: LlamaModel | undefined;
    const contexts: LlamaEmbeddingContext[] = [];
    const started = performance.now();
    try {
      const llama = await sharedLlama(options.gpu, log);
      model = await llama.loadModel({ modelPath });
      const layout = contextLayout(llama.gpu !== false, options.threads);
      const documentSize = Math.min(model.trainContextSize, DOCUMENT_CONTEXT_TOKENS);
      const querySize = Math.min(model.trainContextSize, QUERY_CONTEXT_TOKENS);
      const create = async (contextSize: number, threads: number) => {
        const context = await model!.createEmbeddingContext({ contextSize, threads });
        contexts.push(context);
        return context;
      };
      const documentContexts: LlamaEmbeddingContext[] = [];
      for (let i = 0; i < layout.documentContexts; i++) {
        documentContexts.push(await create(documentSize, layout.threadsPerDocumentContext));
      }
      const queryContexts: LlamaEmbeddingContext[] = [];
      for (let i = 0; i < layout.queryContexts; i++) queryContexts.push(await create(querySize, 1));
      const generalName = String(model.fileInfo.metadata.general?.name ?? "");
      const format = promptFormatFor(basename(modelPath), generalName);
      const dimensions = model.embeddingVectorSize;
      const name = generalName || basename(modelPath, ".gguf");
      const fingerprint = `${basename(modelPath)}@${fileIdentity(modelPath)}/${format.family}/${dimensions}d/p${PREPARATION_VERSION}`;
      log.info("embedding model loaded", {
        model: name,
        dimensions,
        family: format.family,
        gpu: llama.gpu,
        ...layout,
        loadMs: Math.round(performance.now() - started),
      });
      // node-llama-cpp adds [CLS]/[SEP] (or BOS/EOS) and needs the total below the context size.
      return new LlamaEmbedder(
        { name, fingerprint, dimensions },
        model,
        new ContextPool(documentContexts),
        new ContextPool(queryContexts),
        format,
        { document: documentSize - 3, query: querySize - 3 },
      );
    } catch (err) {
      // loaded, but not all its contexts could be made
      await Promise.all(contexts.map((c) => disposeWithin(c)));
      await disposeWithin(model);
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `could not load the embedding model ${modelPath}: ${errorMessage(err)}`,
        "check that the file is a complete GGUF embedding model (re-download it), or remove embedding.model from the config to use keyword search only",
      );
    }
  }

  embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.track(
      Promise.all(
        texts.map((text) =>
          this.documentContexts.use(async (context) => {
            await this.queries.idle();
            signal?.throwIfAborted();
            return this.embedOne(context, this.format.document(text), this.maxTokens.document);
          }),
        ),
      ),
    );
  }

  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    signal?.throwIfAborted();
    const query = this.format.query(text);
    return this.track(
      this.queries.run(() =>
        this.queryContexts.use((context) => this.embedOne(context, query, this.maxTokens.query)),
      ),
    );
  }

  /** Work under way: close() lets it finish (a model switch closes a model that may still be in use). */
  private readonly inFlight = new Set<Promise<unknown>>();

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  private async embedOne(
    context: LlamaEmbeddingContext,
    text: string,
    maxTokens: number,
  ): Promise<Float32Array> {
    // Over-long input is truncated rather than refused: chunks are bounded, but queries are user text.
    let tokens = this.model.tokenize(text);
    if (tokens.length > maxTokens) tokens = tokens.slice(0, maxTokens);
    const embedding = await context.getEmbeddingFor(tokens);
    this.embeddedCount++;
    if (embedding.vector.length === 0) return new Float32Array(this.info.dimensions);
    return normalize(embedding.vector);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    const contexts = [...this.documentContexts.items, ...this.queryContexts.items];
    await Promise.all(contexts.map((c) => disposeWithin(c)));
    await disposeWithin(this.model);
  }
}
