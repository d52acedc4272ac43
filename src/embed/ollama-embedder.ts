// Embedder backed by a local Ollama server's /api/embed; loopback only unless the config allows a remote host.
import { HearthError, errorMessage } from "../errors.js";
import { normalize, type Embedder, type EmbedderInfo } from "./embedder.js";
import { promptFormatFor, type PromptFormat } from "./model-family.js";

export interface OllamaOptions {
  url: string;
  model: string;
  /** Privacy is the product: a non-loopback server must be allowed explicitly. */
  allowRemote: boolean;
  batchSize: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class OllamaEmbedder implements Embedder {
  embeddedCount = 0;

  private constructor(
    readonly info: EmbedderInfo,
    private readonly options: OllamaOptions,
    private readonly format: PromptFormat,
  ) {}

  static async connect(options: OllamaOptions): Promise<OllamaEmbedder> {
    const host = new URL(options.url).hostname;
    if (!LOOPBACK.has(host) && !options.allowRemote) {
      throw new HearthError(
        "BAD_ARGUMENT",
        `embedding.ollama.url points at ${host}, which is not this machine; your text would leave it`,
        "use a local Ollama (http://127.0.0.1:11434), or set embedding.ollama.allowRemote to true if you really mean it",
      );
    }
    const format = promptFormatFor(options.model);
    // One probe embedding tells the dimensions and proves the model is there.
    const probe = new OllamaEmbedder(
      { name: options.model, fingerprint: "", dimensions: 0 },
      options,
      format,
    );
    const [vector] = await probe.request(["dimension probe"]);
    const dimensions = vector!.length;
    return new OllamaEmbedder(
      {
        name: options.model,
        fingerprint: `ollama:${options.model}/${format.family}/${dimensions}d`,
        dimensions,
      },
      options,
      format,
    );
  }

  async embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      signal?.throwIfAborted();
      out.push(
        ...(await this.request(
          texts.slice(i, i + this.options.batchSize).map(this.format.document),
          signal,
        )),
      );
    }
    return out;
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    return (await this.request([this.format.query(text)], signal))[0]!;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async request(input: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    let response: Response;
    try {
      response = await fetch(new URL("/api/embed", this.options.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: this.options.model, input, truncate: true }),
        signal: signal ?? AbortSignal.timeout(120_000),
      });
    } catch (err) {
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `cannot reach Ollama at ${this.options.url}: ${errorMessage((err as Error).cause ?? err)}`,
        "start Ollama (`ollama serve`), or switch embedding.backend back to llama",
      );
    }
    if (!response.ok) {
      const detail = await response.text().catch(() => "");
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `Ollama refused to embed with ${this.options.model}: HTTP ${response.status} ${detail.slice(0, 200)}`,
        `run \`ollama pull ${this.options.model}\``,
      );
    }
    const body = (await response.json()) as { embeddings?: number[][] };
    if (!Array.isArray(body.embeddings) || body.embeddings.length !== input.length) {
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `Ollama's answer has no embeddings for ${input.length} inputs`,
        "check that the model is an embedding model",
      );
    }
    this.embeddedCount += input.length;
    return body.embeddings.map(normalize);
  }
}
