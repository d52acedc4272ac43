// Tests: LlamaEmbedder with the generated model; LlamaEmbedder.load on bad files; promptFormatFor.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlamaEmbedder, contextLayout } from "../../src/embed/llama-embedder.js";
import { PriorityGate } from "../../src/embed/context-pool.js";
import { promptFormatFor } from "../../src/embed/model-family.js";
import { HearthError } from "../../src/errors.js";
import { silentLogger } from "../../src/log.js";
import { tempDir, testModelPath } from "../helpers.js";

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

describe("LlamaEmbedder with the generated model", () => {
  let embedder: LlamaEmbedder;
  beforeAll(async () => {
    embedder = await LlamaEmbedder.load({
      modelPath: testModelPath(),
      gpu: false,
      threads: 1,
      log: silentLogger,
    });
  });
  afterAll(() => embedder.close());

  it("discovers dimensions and fingerprints the model file", () => {
    expect(embedder.info.dimensions).toBe(64);
    expect(embedder.info.name).toBe("hearth-test-bow");
    expect(embedder.info.fingerprint).toMatch(
      /^hearth-test-bow\.gguf@\d+-[0-9a-f]{16}\/plain\/64d\/p1$/,
    );
  });

  it("returns unit vectors whose similarity tracks shared words", async () => {
    const [lease, renewal, recipe] = await embedder.embedDocuments([
      "the apartment lease was renewed",
      "renewed the lease on the apartment",
      "banana smoothie with yogurt",
    ]);
    for (const v of [lease!, renewal!, recipe!]) expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    expect(cosine(lease!, renewal!)).toBeGreaterThan(0.8);
    expect(cosine(lease!, recipe!)).toBeLessThan(0.5);
    const query = await embedder.embedQuery("apartment lease");
    expect(cosine(query, lease!)).toBeGreaterThan(cosine(query, recipe!));
  });

  it("counts every text it runs through the model, and truncates over-long input", async () => {
    const before = embedder.embeddedCount;
    const [long] = await embedder.embedDocuments(["word ".repeat(5000)]);
    expect(long).toHaveLength(64);
    expect(embedder.embeddedCount).toBe(before + 1);
  });

  it("stops a batch when its signal aborts", async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(embedder.embedDocuments(["a", "b"], abort.signal)).rejects.toThrow();
  });
});

describe("LlamaEmbedder's contexts", () => {
  it("spreads CPU threads over single-threaded document contexts, with queries on their own", () => {
    expect(contextLayout(false, 2)).toEqual({
      documentContexts: 2,
      threadsPerDocumentContext: 1,
      queryContexts: 2,
    });
    expect(contextLayout(false, 1)).toEqual({
      documentContexts: 1,
      threadsPerDocumentContext: 1,
      queryContexts: 1,
    });
    expect(contextLayout(false, 16)).toEqual({
      documentContexts: 4,
      threadsPerDocumentContext: 4,
      queryContexts: 2,
    });
    expect(contextLayout(true, 8)).toEqual({
      documentContexts: 1,
      threadsPerDocumentContext: 8,
      queryContexts: 1,
    });
  });

  it("keeps each vector with its text when several contexts embed a batch, queries meanwhile", async () => {
    const embedder = await LlamaEmbedder.load({
      modelPath: testModelPath(),
      gpu: false,
      threads: 3,
      log: silentLogger,
    });
    try {
      const texts = Array.from(
        { length: 30 },
        (_, i) => `note ${i} about topic${i % 7} and garden`,
      );
      const alone = [];
      for (const text of texts) alone.push((await embedder.embedDocuments([text]))[0]!);
      const [together, query] = await Promise.all([
        embedder.embedDocuments(texts),
        embedder.embedQuery("garden"),
      ]);
      expect(together).toEqual(alone);
      expect(query).toHaveLength(64);
    } finally {
      await embedder.close();
    }
  });

  it("holds documents back while a query runs, and for a bounded time only", async () => {
    const gate = new PriorityGate(60_000);
    let finishQuery!: () => void;
    const query = gate.run(() => new Promise<void>((resolve) => (finishQuery = resolve)));
    let documentWent = false;
    const document = gate.idle().then(() => (documentWent = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(documentWent).toBe(false);
    finishQuery();
    await query;
    await document;
    expect(documentWent).toBe(true);
    await gate.idle(); // nothing under way: at once

    const impatient = new PriorityGate(10);
    void impatient.run(() => new Promise<void>(() => undefined)); // a query that never ends
    await impatient.idle(); // resolves anyway: indexing is slowed, never stopped
  });
});

describe("LlamaEmbedder.load on bad files", () => {
  it("lets work under way finish when it is closed (a model switch closes a model in use)", async () => {
    const other = await LlamaEmbedder.load({
      modelPath: testModelPath(),
      gpu: false,
      threads: 1,
      log: silentLogger,
    });
    const texts = Array.from({ length: 50 }, (_, i) => `note number ${i} about the garden`);
    const batch = other.embedDocuments(texts);
    const query = other.embedQuery("garden");
    await other.close();
    expect(await batch).toHaveLength(50);
    expect((await query).length).toBe(64);
  });

  it("reports a file that is not a GGUF model with a fix, without crashing", async () => {
    const path = join(tempDir(), "broken.gguf");
    writeFileSync(path, "this is not a model");
    const error = await LlamaEmbedder.load({
      modelPath: path,
      gpu: false,
      threads: 1,
      log: silentLogger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe("MODEL_LOAD_FAILED");
    expect((error as HearthError).message).toMatch(/broken\.gguf[\s\S]*fix:/);
  });
});

describe("promptFormatFor", () => {
  it("applies each family's query and document prefixes", () => {
    expect(promptFormatFor("nomic-embed-text-v1.5.Q8_0.gguf").query("x")).toBe("search_query: x");
    expect(promptFormatFor("nomic-embed-text-v1.5.Q8_0.gguf").document("x")).toBe(
      "search_document: x",
    );
    expect(promptFormatFor("multilingual-e5-small-q8.gguf").document("x")).toBe("passage: x");
    expect(promptFormatFor("bge-small-en-v1.5-q8_0.gguf").query("x")).toMatch(
      /^Represent this sentence.*: x$/,
    );
    expect(promptFormatFor("bge-small-en-v1.5-q8_0.gguf").document("x")).toBe("x");
    expect(promptFormatFor("embeddinggemma-300M-Q8_0.gguf").query("x")).toBe(
      "task: search result | query: x",
    );
    expect(promptFormatFor("something-else.gguf", "").family).toBe("plain");
  });
});
