// Embedder backed by a local GGUF model through node-llama-cpp; llama.cpp's own logs go to stderr.
import { createHash } from "node:crypto";
import { openSync, readSync, closeSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import type { LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { HearthError, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import { normalize, type Embedder, type EmbedderInfo } from "./embedder.js";
import { type GpuSetting, disposeWithin, sharedLlama } from "./llama.js";
import { promptFormatFor, type PromptFormat } from "./model-family.js";

export interface LlamaEmbedderOptions {
  modelPath: string;
  gpu: GpuSetting;
  /** 0: one per available core. */
  threads: number;
  log: Logger;
}

/** Bump when the way texts are prepared for the model changes: it invalidates cached vectors. */
const PREPARATION_VERSION = 1;

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
    private readonly context: LlamaEmbeddingContext,
    private readonly format: PromptFormat,
    private readonly maxTokens: number,
  ) {}

  static async load(options: LlamaEmbedderOptions): Promise<LlamaEmbedder> {
    const { modelPath, log } = options;
    let model: LlamaModel | undefined;
    const started = performance.now();
    try {
      const llama = await sharedLlama(options.gpu, log);
      model = await llama.loadModel({ modelPath });
      const threads = options.threads === 0 ? availableParallelism() : options.threads;
      const contextSize = Math.min(model.trainContextSize, 8192);
      const context = await model.createEmbeddingContext({ contextSize, threads });
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
        threads,
        loadMs: Math.round(performance.now() - started),
      });
      // node-llama-cpp adds [CLS]/[SEP] (or BOS/EOS) and needs the total below the context size.
      return new LlamaEmbedder(
        { name, fingerprint, dimensions },
        model,
        context,
        format,
        contextSize - 3,
      );
    } catch (err) {
      await disposeWithin(model); // loaded, but its context could not be made
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `could not load the embedding model ${modelPath}: ${errorMessage(err)}`,
        "check that the file is a complete GGUF embedding model (re-download it), or remove embedding.model from the config to use keyword search only",
      );
    }
  }

  embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.track(
      (async () => {
        const out: Float32Array[] = [];
        for (const text of texts) {
          signal?.throwIfAborted();
          out.push(await this.embedOne(this.format.document(text)));
        }
        return out;
      })(),
    );
  }

  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    signal?.throwIfAborted();
    return this.track(this.embedOne(this.format.query(text)));
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

  private async embedOne(text: string): Promise<Float32Array> {
    // Over-long input is truncated rather than refused: chunks are bounded, but queries are user text.
    let tokens = this.model.tokenize(text);
    if (tokens.length > this.maxTokens) tokens = tokens.slice(0, this.maxTokens);
    const embedding = await this.context.getEmbeddingFor(tokens);
    this.embeddedCount++;
    if (embedding.vector.length === 0) return new Float32Array(this.info.dimensions);
    return normalize(embedding.vector);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await disposeWithin(this.context);
    await disposeWithin(this.model);
  }
}
