// `npm run bench -- embed`: our Embedder against raw node-llama-cpp getEmbeddingFor, same model, same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedLlama } from "../src/embed/llama.js";
import { LlamaEmbedder } from "../src/embed/llama-embedder.js";
import { silentLogger } from "../src/log.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { seededRandom, summarize, vocabulary } from "./synthetic.js";

export interface EmbedBenchResult {
  model: string;
  texts: number;
  hearthChunksPerSec: number;
  rawChunksPerSec: number;
  hearthToRaw: number;
  queryMs: { p50: number; p95: number; mean: number };
  peakRssMB: number;
}

export async function benchEmbed(
  modelPath: string | null,
  count = 2000,
  threads = 1,
): Promise<EmbedBenchResult> {
  const scratch = mkdtempSync(join(tmpdir(), "hearth-bench-model-"));
  try {
    const path = modelPath ?? join(scratch, "hearth-test-bow.gguf");
    if (!modelPath) writeTestModel(path);
    const random = seededRandom(11);
    const words = vocabulary(3000, random);
    const texts = Array.from({ length: count }, () =>
      Array.from({ length: 60 }, () => words[Math.floor(random() * words.length)]).join(" "),
    );

    const embedder = await LlamaEmbedder.load({
      modelPath: path,
      gpu: "auto",
      threads,
      log: silentLogger,
    });
    const llama = await sharedLlama("auto", silentLogger);
    const model = await llama.loadModel({ modelPath: path });
    const raw = await model.createEmbeddingContext({
      contextSize: Math.min(model.trainContextSize, 8192),
      threads,
    });

    // Interleave the two in rounds so neither gets a warmer cache or a quieter machine.
    let hearthMs = 0;
    let rawMs = 0;
    const round = 200;
    for (let i = 0; i < texts.length; i += round) {
      const batch = texts.slice(i, i + round);
      let t = performance.now();
      await embedder.embedDocuments(batch);
      hearthMs += performance.now() - t;
      t = performance.now();
      for (const text of batch) await raw.getEmbeddingFor(text);
      rawMs += performance.now() - t;
    }
    const queryTimes: number[] = [];
    for (const text of texts.slice(0, 200)) {
      const t = performance.now();
      await embedder.embedQuery(text.split(" ").slice(0, 8).join(" "));
      queryTimes.push(performance.now() - t);
    }
    await raw.dispose();
    await model.dispose();
    await embedder.close();
    const hearthChunksPerSec = Math.round(count / (hearthMs / 1000));
    const rawChunksPerSec = Math.round(count / (rawMs / 1000));
    return {
      model: embedder.info.name,
      texts: count,
      hearthChunksPerSec,
      rawChunksPerSec,
      hearthToRaw: Math.round((hearthChunksPerSec / rawChunksPerSec) * 100) / 100,
      queryMs: summarize(queryTimes),
      peakRssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
