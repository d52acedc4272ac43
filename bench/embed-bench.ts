// `npm run bench -- embed [--shape bge-small|nomic-embed|embeddinggemma] [--model PATH] [--texts 40]`:
// Hearth's embedder against the raw node-llama-cpp configurations, same model, same run; then query
// latency idle and while documents embed.
import { availableParallelism } from "node:os";
import type { LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { sharedLlama } from "../src/embed/llama.js";
import { LlamaEmbedder } from "../src/embed/llama-embedder.js";
import { silentLogger } from "../src/log.js";
import { COMMON_WORDS } from "../scripts/test-model/english-words.js";
import { seededRandom, summarize } from "./synthetic.js";

export interface RawConfig {
  contexts: number;
  threads: number;
  batchSize?: number;
}

export interface Throughput {
  chunksPerSec: number;
  tokensPerSec: number;
}

export interface EmbedBenchResult {
  model: string;
  texts: number;
  tokensPerText: number;
  raw: (RawConfig & Throughput)[];
  hearth: Throughput;
  /** Hearth ÷ the fastest raw configuration, measured again beside Hearth. */
  hearthToBestRaw: number;
  queryMs: {
    idle: { p50: number; p95: number };
    duringDocuments: { p50: number; p95: number };
  };
  peakRssMB: number;
}

/** Chunk-sized texts (~300 words, about Hearth's default 400-token chunk) of common English words. */
export function chunkTexts(count: number, words: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: words }, () => COMMON_WORDS[Math.floor(random() * COMMON_WORDS.length)])
      .join(" ")
      .concat("."),
  );
}

function rawConfigs(cores: number): RawConfig[] {
  const configs: RawConfig[] = [
    { contexts: 1, threads: 1 },
    { contexts: 1, threads: cores },
    { contexts: cores, threads: 1 },
    { contexts: 2, threads: cores },
    { contexts: 1, threads: cores, batchSize: 128 },
    { contexts: 1, threads: cores, batchSize: 2048 },
  ];
  if (cores >= 4) configs.push({ contexts: 2, threads: cores / 2 });
  const unique = new Map(configs.map((c) => [JSON.stringify(c), c]));
  return [...unique.values()];
}

async function rawThroughput(
  model: LlamaModel,
  config: RawConfig,
  texts: readonly string[],
  tokens: number,
): Promise<Throughput> {
  const contexts: LlamaEmbeddingContext[] = [];
  for (let i = 0; i < config.contexts; i++) {
    contexts.push(
      await model.createEmbeddingContext({
        contextSize: Math.min(model.trainContextSize, 2048),
        threads: config.threads,
        ...(config.batchSize ? { batchSize: config.batchSize } : {}),
      }),
    );
  }
  try {
    for (const c of contexts) await c.getEmbeddingFor("warm up");
    let next = 0;
    const started = performance.now();
    await Promise.all(
      contexts.map(async (c) => {
        while (next < texts.length) await c.getEmbeddingFor(texts[next++]!);
      }),
    );
    return rates(texts.length, tokens, performance.now() - started);
  } finally {
    for (const c of contexts) await c.dispose();
  }
}

function rates(texts: number, tokens: number, ms: number): Throughput {
  return {
    chunksPerSec: Math.round((texts / (ms / 1000)) * 10) / 10,
    tokensPerSec: Math.round(tokens / (ms / 1000)),
  };
}

function median(runs: Throughput[]): Throughput {
  return [...runs].sort((a, b) => a.chunksPerSec - b.chunksPerSec)[Math.floor(runs.length / 2)]!;
}

async function hearthThroughput(
  embedder: LlamaEmbedder,
  texts: readonly string[],
  tokens: number,
): Promise<Throughput> {
  await embedder.embedDocuments(["warm up"]);
  const started = performance.now();
  await embedder.embedDocuments(texts);
  return rates(texts.length, tokens, performance.now() - started);
}

async function queryLatency(
  embedder: LlamaEmbedder,
  queries: readonly string[],
  gapMs: number,
): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (const query of queries) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    const started = performance.now();
    await embedder.embedQuery(query);
    times.push(performance.now() - started);
  }
  const { p50, p95 } = summarize(times);
  return { p50, p95 };
}

export async function benchEmbed(modelPath: string, count = 40): Promise<EmbedBenchResult> {
  const texts = chunkTexts(count, 300, 11);
  const queries = chunkTexts(40, 6, 12);
  const llama = await sharedLlama("auto", silentLogger);
  const model = await llama.loadModel({ modelPath });
  const embedder = await LlamaEmbedder.load({
    modelPath,
    gpu: "auto",
    threads: 0,
    log: silentLogger,
  });
  try {
    const tokens = texts.reduce((sum, t) => sum + model.tokenize(t).length, 0);
    const raw: (RawConfig & Throughput)[] = [];
    for (const config of rawConfigs(availableParallelism())) {
      raw.push({ ...config, ...(await rawThroughput(model, config, texts, tokens)) });
    }
    const best = raw.reduce((a, b) => (b.chunksPerSec > a.chunksPerSec ? b : a));
    // Hearth and the fastest raw configuration in alternating rounds, so both see the same machine.
    const hearthRuns: Throughput[] = [];
    const bestRuns: Throughput[] = [];
    for (let round = 0; round < 3; round++) {
      hearthRuns.push(await hearthThroughput(embedder, texts, tokens));
      bestRuns.push(await rawThroughput(model, best, texts, tokens));
    }
    const hearth = median(hearthRuns);
    const idle = await queryLatency(embedder, queries, 20);
    let stop = false;
    const background = (async () => {
      while (!stop) await embedder.embedDocuments(texts.slice(0, 4));
    })();
    const duringDocuments = await queryLatency(embedder, queries, 40);
    stop = true;
    await background;
    return {
      model: embedder.info.name,
      texts: count,
      tokensPerText: Math.round(tokens / count),
      raw,
      hearth,
      hearthToBestRaw:
        Math.round((hearth.chunksPerSec / median(bestRuns).chunksPerSec) * 100) / 100,
      queryMs: { idle, duringDocuments },
      peakRssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    await embedder.close();
    await model.dispose();
  }
}
