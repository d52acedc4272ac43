// Tests: indexRoot.
import { renameSync, rmSync, writeFileSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, rawDb, tempDir, testModelPath, writeTree } from "../helpers.js";

async function indexedHearth() {
  const root = tempDir();
  writeTree(root, NOTES);
  const { env } = makeHome({ model: true });
  const hearth = await openTestHearth(env);
  const first = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
  return { root, env, hearth, first };
}

function ftsRowsFor(hearth: Awaited<ReturnType<typeof openTestHearth>>, word: string): number {
  return rawDb(hearth)
    .prepare("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?")
    .pluck()
    .get(`"${word}"`) as number;
}

describe("indexRoot", () => {
  it("indexes every file with chunks, FTS rows and vectors", async () => {
    const { hearth, first } = await indexedHearth();
    expect(first.indexed).toBe(Object.keys(NOTES).length);
    expect(first.failed).toBe(0);
    const counts = hearth.store.counts();
    expect(counts.files).toBe(5);
    expect(counts.chunks).toBeGreaterThanOrEqual(5);
    expect(counts.vectors).toBe(counts.chunks);
    expect(first.chunksEmbedded).toBe(counts.chunks);
    expect(hearth.model.current!.embeddedCount).toBe(counts.chunks);
  });

  it("re-indexing an unchanged tree reads no file and embeds nothing", async () => {
    const { root, hearth } = await indexedHearth();
    const before = hearth.model.current!.embeddedCount;
    const again = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(again).toMatchObject({
      unchanged: 5,
      sameContent: 0,
      indexed: 0,
      removed: 0,
      chunksEmbedded: 0,
    });
    expect(hearth.model.current!.embeddedCount).toBe(before);
  });

  it("a touched file with the same content is hashed but not re-indexed", async () => {
    const { root, hearth } = await indexedHearth();
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, "home/lease.md"), future, future);
    const again = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(again).toMatchObject({ unchanged: 4, sameContent: 1, indexed: 0, chunksEmbedded: 0 });
    const third = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(third.unchanged).toBe(5);
  });

  it("editing one paragraph embeds only the chunks that changed", async () => {
    const root = tempDir();
    const sections = Array.from(
      { length: 6 },
      (_, i) =>
        `## Section ${i}\n\n${`Paragraph ${i} talks about topic number ${i} in some detail. `.repeat(12)}\n`,
    );
    writeTree(root, { "long.md": `# Long note\n\n${sections.join("\n")}` });
    const { env } = makeHome({ model: true });
    const hearth = await openTestHearth(env);
    const first = await indexRoot(hearth.indexDeps, root, { concurrency: 1 });
    expect(first.chunksEmbedded).toBeGreaterThanOrEqual(6);

    sections[3] = `## Section 3\n\n${"This paragraph was rewritten entirely about gardening and bees. ".repeat(10)}\n`;
    writeFileSync(join(root, "long.md"), `# Long note\n\n${sections.join("\n")}`);
    const second = await indexRoot(hearth.indexDeps, root, { concurrency: 1 });
    expect(second.indexed).toBe(1);
    expect(second.chunksEmbedded).toBe(1);
    expect(second.chunksFromCache).toBe(first.chunksEmbedded - 1);
  });

  it("a deleted file leaves no chunk, FTS row or vector behind", async () => {
    const { root, hearth } = await indexedHearth();
    expect(ftsRowsFor(hearth, "smoothie")).toBe(1);
    const vectorsBefore = hearth.store.counts().vectors;
    rmSync(join(root, "food/smoothie.txt"));
    const again = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(again.removed).toBe(1);
    expect(ftsRowsFor(hearth, "smoothie")).toBe(0);
    const counts = hearth.store.counts();
    expect(counts.vectors).toBe(vectorsBefore - 1);
    expect(counts.vectors).toBe(counts.chunks);
    const orphans = rawDb(hearth)
      .prepare("SELECT count(*) FROM vec_chunks WHERE chunk_id NOT IN (SELECT id FROM chunks)")
      .pluck()
      .get();
    expect(orphans).toBe(0);
    expect(rawDb(hearth).pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("a renamed file reuses its embeddings", async () => {
    const { root, hearth } = await indexedHearth();
    const before = hearth.model.current!.embeddedCount;
    renameSync(join(root, "travel/japan.txt"), join(root, "travel/japan-2027.txt"));
    const again = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(again).toMatchObject({ indexed: 1, removed: 1, chunksEmbedded: 0, chunksFromCache: 1 });
    expect(hearth.model.current!.embeddedCount).toBe(before);
  });

  it("indexes without a model, then embeds the backlog once a model is configured", async () => {
    const root = tempDir();
    writeTree(root, NOTES);
    const { env, home } = makeHome();
    const keywordOnly = await openTestHearth(env);
    expect(keywordOnly.model.current).toBeNull();
    expect(keywordOnly.model.notice).toMatch(/semantic search is off.*download/s);
    await indexRoot(keywordOnly.indexDeps, root, { concurrency: 2 });
    expect(keywordOnly.store.counts()).toMatchObject({ files: 5, vectors: 0 });
    await keywordOnly.close();

    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ embedding: { model: testModelPath(), threads: 1 } }),
    );
    const withModel = await openTestHearth(env);
    const report = await indexRoot(withModel.indexDeps, root, { concurrency: 2 });
    expect(report.unchanged).toBe(5);
    const counts = withModel.store.counts();
    expect(report.chunksEmbedded).toBe(counts.chunks);
    expect(counts.vectors).toBe(counts.chunks);
  });

  it("records an unreadable file as failed and keeps going", async () => {
    const root = tempDir();
    writeTree(root, { ...NOTES, "bad.txt": Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]) });
    const { env } = makeHome();
    const hearth = await openTestHearth(env);
    const report = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(report.indexed).toBe(5);
    expect(report.failed).toBe(1);
    expect(report.failures[0]).toMatchObject({
      path: join(hearth.store.listRoots()[0]!.path, "bad.txt"),
    });
    expect(report.failures[0]!.error).toMatch(/binary/);
    expect(hearth.store.listFailures()[0]!.error).toMatch(/binary/);
    const again = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(again.failed).toBe(0); // not retried until it changes
    expect(again.unchanged).toBe(6);
  });
});
