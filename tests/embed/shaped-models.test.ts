// Tests: the shaped benchmark models (real architectures and sizes, random weights) load, embed and tokenize.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  SHAPES,
  writeShapedModel,
  type ShapeName,
} from "../../scripts/test-model/shaped-models.js";
import { LlamaEmbedder } from "../../src/embed/llama-embedder.js";
import { sharedLlama } from "../../src/embed/llama.js";
import { silentLogger } from "../../src/log.js";
import { tempDir } from "../helpers.js";

const PROSE =
  "The lease renewal for the apartment is due in March, and the invoice was paid. " +
  "I called the landlord on Tuesday about the broken heating; he said a plumber would come by " +
  "next week. Remember to forward the insurance documents before the deadline, and check whether " +
  "the deposit was returned. Met with Priya about the onboarding checklist: she suggested we " +
  "consolidate the duplicated spreadsheets and archive anything older than two years.";

const EXPECTED: readonly [ShapeName, number][] = [
  ["bge-small", 384],
  ["nomic-embed", 768],
  ["embeddinggemma", 768],
];

describe.each(EXPECTED)("the %s shape", (shape, dimensions) => {
  let path: string;
  beforeAll(() => {
    // Two layers (Gemma's least: a local and a global one) keep the test fast; the embedding
    // table and the vocabulary keep their real sizes.
    path = join(tempDir("hearth-shaped-"), `${shape}.gguf`);
    writeShapedModel(path, shape, { layers: 2 });
  });

  it("loads through LlamaEmbedder and returns finite unit vectors of the real size", async () => {
    const embedder = await LlamaEmbedder.load({
      modelPath: path,
      gpu: false,
      threads: 1,
      log: silentLogger,
    });
    try {
      expect(embedder.info.dimensions).toBe(dimensions);
      expect(embedder.info.name).toContain(SHAPES[shape].model);
      const [a, b] = await embedder.embedDocuments([PROSE, "a short note"]);
      for (const v of [a!, b!]) {
        expect(v).toHaveLength(dimensions);
        expect(v.every(Number.isFinite)).toBe(true);
        expect(Math.hypot(...v)).toBeCloseTo(1, 4);
      }
    } finally {
      await embedder.close();
    }
  });

  it("tokenizes English prose at a realistic rate", async () => {
    const llama = await sharedLlama(false, silentLogger);
    const model = await llama.loadModel({ modelPath: path, vocabOnly: true });
    try {
      const perWord = model.tokenize(PROSE).length / PROSE.split(/\s+/).length;
      expect(perWord).toBeGreaterThan(1);
      expect(perWord).toBeLessThan(2);
    } finally {
      await model.dispose();
    }
  });
});
