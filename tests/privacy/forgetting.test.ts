// Tests: forgetting leaves no trace. A deleted file's text, terms and vectors leave the bytes of the
// index file, its WAL and its shared memory; a rename still reuses the cached vectors.
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Daemon } from "../../src/daemon/daemon.js";
import type { Hearth } from "../../src/hearth.js";
import { silentLogger } from "../../src/log.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { Store } from "../../src/store/store.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { runMain } from "../cli/run-main.js";
import { waitFor } from "../daemon/converge.js";

const TOKEN = "Quarzelbrink";
const SECRET = `# Letter to the clinic\n\nMy diagnosis code is ${TOKEN} and nobody else may know it.\n`;

/** Every way the token could sit in the files' bytes: UTF-8, UTF-16 either way, FTS's lowercase. */
function needles(): Buffer[] {
  const words = [TOKEN, TOKEN.toLowerCase()];
  return words.flatMap((w) => [
    Buffer.from(w, "utf8"),
    Buffer.from(w, "utf16le"),
    Buffer.from(w, "utf16le").swap16(),
  ]);
}

function foundIn(indexFile: string, needle: Buffer): string[] {
  return ["", "-wal", "-shm"].filter(
    (suffix) => existsSync(indexFile + suffix) && readFileSync(indexFile + suffix).includes(needle),
  );
}

/** The cached vectors of the secret letter's chunks, as stored. */
function letterVectors(hearth: Hearth): Buffer[] {
  const db = rawDb(hearth);
  const vectors = db
    .prepare(
      `SELECT e.vector FROM embeddings e JOIN chunks c ON c.hash = e.hash
       JOIN files f ON f.id = c.file_id WHERE f.path LIKE '%letter.md'`,
    )
    .pluck()
    .all() as Buffer[];
  db.close();
  return vectors;
}

async function indexedWithSecret(config: Record<string, unknown> = {}) {
  const root = tempDir();
  writeTree(root, { ...NOTES, "clinic/letter.md": SECRET });
  const { env } = makeHome({ model: true, config });
  const hearth = await openTestHearth(env);
  await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
  const vectors = letterVectors(hearth);
  return { root, env, hearth, vectors };
}

describe("forgetting", () => {
  it("a deleted file's text, terms and vectors leave the index's bytes", async () => {
    const { root, hearth, vectors } = await indexedWithSecret();
    expect(vectors.length).toBeGreaterThan(0);
    const file = hearth.paths.indexFile;
    // While indexed, the scan finds it: the test can fail.
    expect(needles().some((n) => foundIn(file, n).length > 0)).toBe(true);
    expect(vectors.some((v) => foundIn(file, v).length > 0)).toBe(true);

    rmSync(join(root, "clinic"), { recursive: true });
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    hearth.store.purgeDeleted(0);

    const db = rawDb(hearth);
    db.exec("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, chunks_fts, row)");
    expect(db.prepare("SELECT term FROM temp.terms WHERE term LIKE 'quarzel%'").all()).toEqual([]);
    db.close();
    await hearth.close();
    for (const n of needles()) expect(foundIn(file, n)).toEqual([]);
    for (const v of vectors) expect(foundIn(file, v)).toEqual([]);
    // The other notes are still there.
    const again = Store.open(file);
    expect(again.counts().files).toBe(Object.keys(NOTES).length);
    again.close();
  });

  it("a removed root leaves nothing either", async () => {
    const { root, hearth, vectors } = await indexedWithSecret();
    hearth.store.removeRoot(root);
    hearth.store.purgeDeleted(0);
    await hearth.close();
    const file = hearth.paths.indexFile;
    for (const n of needles()) expect(foundIn(file, n)).toEqual([]);
    for (const v of vectors) expect(foundIn(file, v)).toEqual([]);
  });

  it("a renamed file reuses its cached vectors; keepDeletedDays keeps orphans that long", async () => {
    const { root, hearth } = await indexedWithSecret();
    const embedder = hearth.model.current!;
    const before = embedder.embeddedCount;
    renameSync(join(root, "clinic"), join(root, "doctor"));
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    hearth.store.purgeDeleted(0);
    expect(embedder.embeddedCount).toBe(before);

    const cached = () => rawDb(hearth).prepare("SELECT count(*) FROM embeddings").pluck().get();
    const all = cached();
    rmSync(join(root, "doctor"), { recursive: true });
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    const kept = hearth.store.purgeDeleted(86_400_000);
    expect(cached()).toBe(all); // kept a day, and the daemon is told when that day is up
    expect(kept.nextPurgeAt).toBeGreaterThan(Date.now() + 86_400_000 - 60_000);
    expect(kept.nextPurgeAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(hearth.store.purgeDeleted(0).nextPurgeAt).toBeNull();
    expect(cached()).toBeLessThan(all as number);
  });

  it("`hearth forget --purge` erases at once and compacts an index without a daemon", async () => {
    const { root, env, hearth } = await indexedWithSecret();
    rmSync(join(root, "clinic"), { recursive: true });
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    await hearth.close();
    const run = await runMain(["forget", "--purge"], env);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/purged: \d+ cached vectors .*write-ahead log emptied/);
    for (const n of needles()) expect(foundIn(hearth.paths.indexFile, n)).toEqual([]);
    expect((await runMain(["forget"], env)).stderr).toMatch(/--purge/);
  });

  it("the daemon erases a deleted file's vectors once the queue is quiet (and at stop)", async () => {
    const root = tempDir();
    writeTree(root, { ...NOTES, "clinic/letter.md": SECRET });
    const { env } = makeHome({ model: true, config: { roots: [root], index: { debounceMs: 50 } } });
    const hearth = await openTestHearth(env);
    const daemon = await Daemon.start(hearth, silentLogger);
    await daemon.settled();
    const vectors = letterVectors(hearth);
    expect(vectors.length).toBeGreaterThan(0);
    rmSync(join(root, "clinic", "letter.md"));
    await waitFor(() => hearth.store.getFile(join(root, "clinic", "letter.md")) === null);
    await daemon.stop();
    for (const n of needles()) expect(foundIn(hearth.paths.indexFile, n)).toEqual([]);
    for (const v of vectors) expect(foundIn(hearth.paths.indexFile, v)).toEqual([]);
  });
});
