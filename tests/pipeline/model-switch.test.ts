// Tests: switching the embedding model — searches keep the old vectors until the new ones are
// complete, the swap is atomic, the cache is reused, chunks added meanwhile are covered, and an
// interrupted switch resumes where it stopped.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LlamaEmbedder } from "../../src/embed/llama-embedder.js";
import type { Hearth } from "../../src/hearth.js";
import { silentLogger } from "../../src/log.js";
import { backfillVectors } from "../../src/pipeline/backfill-vectors.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { reembedForSwitch } from "../../src/pipeline/reembed-for-switch.js";
import { embeddingText } from "../../src/chunk/chunker.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { writeTestModel } from "../../scripts/test-model/bert-bag-of-words.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, rawDb, tempDir, testModelPath, writeTree } from "../helpers.js";
import { makeSecondModel } from "../model-switch-fixtures.js";

let modelB: string;

async function load(path: string) {
  return LlamaEmbedder.load({ modelPath: path, gpu: false, threads: 1, log: silentLogger });
}

async function indexed(extra: Record<string, string> = {}) {
  const root = tempDir();
  writeTree(root, { ...NOTES, ...extra });
  const { env } = makeHome({ model: true });
  const hearth = await openTestHearth(env);
  await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
  return { root, env, hearth };
}

const semantic = (hearth: Hearth, query: string) =>
  hearth.searcher.search({ query, mode: "semantic", limit: 3, filters: {}, chunksPerFile: 1 });

const tables = (hearth: Hearth) =>
  rawDb(hearth)
    .prepare(
      "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%vec0%' ORDER BY name",
    )
    .pluck()
    .all() as string[];

describe("model switch", () => {
  beforeAll(() => {
    modelB = makeSecondModel();
  });

  it("keeps searching the old vectors until the new ones are complete, then swaps atomically", async () => {
    const { root, hearth } = await indexed();
    const modelA = hearth.store.vectors.activeModel()!;
    const b = await load(modelB);
    const target = hearth.store.vectors.beginSwitch({ ...b.info, modelPath: modelB })!;
    expect(target.table).toMatch(/^vec_m\d+$/);
    const chunks = hearth.store.counts().chunks;
    expect(hearth.store.vectors.countPendingSwitch()).toBe(chunks);

    // Stop after the first batch to look at the index mid-switch.
    const pause = new AbortController();
    await expect(
      reembedForSwitch(hearth.store, b, {
        batchSize: 2,
        signal: pause.signal,
        onProgress: () => pause.abort(),
      }),
    ).rejects.toThrow();
    expect(hearth.store.vectors.countPendingSwitch()).toBeGreaterThan(0);
    expect(hearth.store.vectors.activeModel()!.fingerprint).toBe(modelA.fingerprint);
    const during = await semantic(hearth, "banana smoothie with yogurt");
    expect(during.results[0]!.path).toBe(join(root, "food/smoothie.txt"));
    writeFileSync(
      join(root, "new.md"),
      "# Bicycle repair\nPatch the inner tube and pump the tyre.",
    );
    await indexRoot(hearth.indexDeps, root, { concurrency: 1 });

    const embedded = await reembedForSwitch(hearth.store, b, {
      batchSize: 2,
      onSwitched: () => void hearth.model.swap(b)?.close(),
    });
    const first = 2; // texts embedded before the pause
    const active = hearth.store.vectors.activeModel()!;
    expect(active).toMatchObject({
      fingerprint: b.info.fingerprint,
      dimensions: 32,
      table: target.table,
    });
    expect(tables(hearth)).toEqual([target.table]); // the old table is gone
    const counts = hearth.store.counts();
    expect(counts.vectors).toBe(counts.chunks);
    expect(counts.chunks).toBeGreaterThan(chunks); // the file added mid-switch has B vectors too
    expect(hearth.store.vectors.countChunksWithoutVectors()).toBe(0);
    // Each distinct text went through B once.
    const distinct = rawDb(hearth)
      .prepare("SELECT count(DISTINCT hash) FROM chunks")
      .pluck()
      .get() as number;
    expect(embedded + first).toBe(distinct);
    expect(b.embeddedCount).toBe(distinct);

    const after = await semantic(hearth, "patch the inner tube of the bicycle");
    expect(after.results[0]!.path).toBe(join(root, "new.md"));

    // Back to A: every text is in A's cache, so nothing goes through the model.
    const a = await load(testModelPath());
    hearth.store.vectors.beginSwitch({ ...a.info, modelPath: testModelPath() });
    expect(
      await reembedForSwitch(hearth.store, a, {
        onSwitched: () => void hearth.model.swap(a)?.close(),
      }),
    ).toBe(0); // every text is in A's cache, the new file's included
    expect(hearth.store.vectors.activeModel()!.fingerprint).toBe(modelA.fingerprint);
  });

  it("resumes an interrupted switch after a reopen, embedding only what was left", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `extra/n${i}.md`,
        `# Note ${i}\nword${i} alpha beta gamma ${i}`,
      ]),
    );
    const { env, hearth } = await indexed(many);
    const b = await load(modelB);
    hearth.store.vectors.beginSwitch({ ...b.info, modelPath: modelB });
    const stop = new AbortController();
    await expect(
      reembedForSwitch(hearth.store, b, {
        batchSize: 4,
        signal: stop.signal,
        onProgress: () => stop.abort(),
      }),
    ).rejects.toThrow();
    const left = hearth.store.vectors.countPendingSwitch();
    expect(left).toBeGreaterThan(0);
    await b.close();
    await hearth.close();

    const again = await openTestHearth(env); // still model A in the config: the index opens as before
    expect(again.store.vectors.pendingSwitch()?.modelPath).toBe(modelB);
    expect((await semantic(again, "banana smoothie with yogurt")).results[0]!.path).toMatch(
      /smoothie/,
    );
    const b2 = await load(modelB);
    const embedded = await reembedForSwitch(again.store, b2, {});
    expect(embedded).toBeLessThanOrEqual(left);
    expect(embedded).toBeGreaterThan(0);
    expect(again.store.vectors.activeModel()!.fingerprint).toBe(b2.info.fingerprint);
    await b2.close();
  });

  it("leaves out vectors of a model that is no longer active; the backfill replaces them", async () => {
    const { root, hearth } = await indexed();
    const b = await load(modelB);
    hearth.store.vectors.beginSwitch({ ...b.info, modelPath: modelB });
    await reembedForSwitch(hearth.store, b, {}); // the hearth still indexes with A, as a daemon mid-swap would
    writeFileSync(join(root, "late.md"), "# Late\nwritten with the old model's vectors");
    await indexRoot(hearth.indexDeps, root, { concurrency: 1 });
    expect(hearth.store.vectors.countChunksWithoutVectors()).toBe(1);
    await backfillVectors(hearth.store, b);
    expect(hearth.store.vectors.countChunksWithoutVectors()).toBe(0);
    await b.close();
  });

  it("reindex --vectors cancels a switch under way", async () => {
    const { hearth } = await indexed();
    const b = await load(modelB);
    hearth.store.vectors.beginSwitch({ ...b.info, modelPath: modelB });
    const active = hearth.store.vectors.activeModel()!;
    hearth.store.vectors.replaceIndex(active.fingerprint, active.dimensions);
    expect(hearth.store.vectors.pendingSwitch()).toBeNull();
    expect(hearth.store.vectors.countPendingSwitch()).toBe(0);
    expect(tables(hearth)).toEqual(["vec_chunks"]);
    await b.close();
  });

  it("stores a file's vectors under the model that computed them, even when a switch completes meanwhile", async () => {
    const { root, hearth } = await indexed();
    // A second model with the same dimensions: a vector of the wrong one would fit the index.
    const sameShape = join(tempDir(), "same-shape.gguf");
    writeTestModel(sameShape, { dimensions: 64, seed: 9 });
    const a = hearth.model.current!;
    const gated = new GatedEmbedder(a);
    hearth.model.swap(gated);
    writeFileSync(join(root, "during.md"), "# During\nembedded while the model switched");
    const indexing = indexRoot(hearth.indexDeps, root, { concurrency: 1 });
    await gated.entered; // the file's chunks are being embedded by the old model…
    const b = await load(sameShape);
    hearth.store.vectors.beginSwitch({ ...b.info, modelPath: sameShape });
    await reembedForSwitch(hearth.store, b, { onSwitched: () => void hearth.model.swap(b) });
    gated.open(); // …and land after the switch made the new one active.
    await indexing;
    const chunk = rawDb(hearth)
      .prepare(
        "SELECT c.hash, c.heading, c.text FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = ?",
      )
      .get(join(root, "during.md")) as { hash: string; heading: string; text: string };
    const cached = hearth.store.vectors
      .cachedVectors(b.info.fingerprint, [chunk.hash])
      .get(chunk.hash);
    const [truth] = await b.embedDocuments([embeddingText(chunk.heading, chunk.text)]);
    expect(cached).toBeDefined();
    expect(Array.from(cached!)).toEqual(Array.from(truth!));
    await b.close();
    await a.close();
  });
});

/** The old model, held at the door: embedding waits until the test opens the gate. */
class GatedEmbedder implements Embedder {
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private signalEntered!: () => void;
  readonly entered = new Promise<void>((resolve) => (this.signalEntered = resolve));

  constructor(private readonly inner: Embedder) {}

  get info() {
    return this.inner.info;
  }

  get embeddedCount() {
    return this.inner.embeddedCount;
  }

  open(): void {
    this.release();
  }

  async embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    this.signalEntered();
    await this.gate;
    return this.inner.embedDocuments(texts, signal);
  }

  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    return this.inner.embedQuery(text, signal);
  }

  close(): Promise<void> {
    return Promise.resolve(); // the test closes the real model
  }
}
