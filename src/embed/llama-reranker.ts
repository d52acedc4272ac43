// A cross-encoder reranker through node-llama-cpp's ranking context: scores (query, passage) pairs.
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import type { LlamaModel, LlamaRankingContext } from "node-llama-cpp";
import { HearthError, errorMessage } from "../errors.js";
import type { LlamaEmbedderOptions } from "./llama-embedder.js";
import { disposeWithin, sharedLlama } from "./llama.js";
import type { Reranker } from "./reranker.js";

/** Long passages are cut to this many tokens: the reranker sees the query with each passage. */
const MAX_CONTEXT = 2048;

export class LlamaReranker implements Reranker {
  private constructor(
    readonly name: string,
    /** Which backend llama.cpp uses: false for the CPU. */
    readonly gpu: string | false,
    private readonly contextSize: number,
    private readonly model: LlamaModel,
    private readonly context: LlamaRankingContext,
  ) {}

  static async load(options: LlamaEmbedderOptions): Promise<LlamaReranker> {
    const { modelPath, log } = options;
    let model: LlamaModel | undefined;
    try {
      const llama = await sharedLlama(options.gpu, log);
      model = await llama.loadModel({ modelPath });
      if (!model.fileInsights.supportsRanking) {
        throw new HearthError(
          "MODEL_LOAD_FAILED",
          `${modelPath} is not a reranker (it has no ranking head)`,
          "set search.rerank.model to a GGUF reranker, e.g. `hearth models pull bge-reranker-v2-m3`",
        );
      }
      const threads = options.threads === 0 ? availableParallelism() : options.threads;
      const contextSize = Math.min(model.trainContextSize, MAX_CONTEXT);
      const context = await model.createRankingContext({ contextSize, threads });
      const name =
        String(model.fileInfo.metadata.general?.name ?? "") || basename(modelPath, ".gguf");
      log.info("reranker loaded", { model: name, gpu: llama.gpu });
      return new LlamaReranker(name, llama.gpu, contextSize, model, context);
    } catch (err) {
      await disposeWithin(model);
      if (err instanceof HearthError) throw err;
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `could not load the reranker ${modelPath}: ${errorMessage(err)}`,
        "check that the file is a complete GGUF reranker (re-download it), or set search.rerank.enabled to false",
      );
    }
  }

  /** A relevance probability (0–1) for the passage; text past the context is left out. */
  async score(query: string, passage: string): Promise<number> {
    const tokens = this.model.tokenize(passage);
    const room = Math.max(16, this.contextSize - this.model.tokenize(query).length - 8);
    const fitted = tokens.length > room ? this.model.detokenize(tokens.slice(0, room)) : passage;
    return this.context.rank(query, fitted);
  }

  async close(): Promise<void> {
    await disposeWithin(this.context);
    await disposeWithin(this.model);
  }
}
