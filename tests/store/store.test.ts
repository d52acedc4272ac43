// Tests: Store.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HearthError } from "../../src/errors.js";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { openDatabase } from "../../src/store/open-database.js";
import { Store } from "../../src/store/store.js";
import { statSync } from "node:fs";
import { rawDb, tempDir } from "../helpers.js";

function openStore(): { store: Store; file: string } {
  const file = join(tempDir(), "index.sqlite");
  return { store: Store.open(file), file };
}

describe("Store", () => {
  it("creates the schema through the migrations, in WAL mode, owner-only", () => {
    const { store, file } = openStore();
    const db = rawDb(file);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    store.close();
    // Re-opening applies nothing twice.
    const again = Store.open(file);
    expect(again.counts()).toMatchObject({ files: 0, chunks: 0 });
    again.close();
  });

  it("brings an older index up to date even when opened read-only", () => {
    const { store, file } = openStore();
    store.close();
    // Undo the last eight migrations by hand: what an index written by an older release looks like.
    const db = rawDb(file);
    db.exec(
      `ALTER TABLE chunks DROP COLUMN ocr_confidence; ALTER TABLE files DROP COLUMN ocr_confidence; DROP TABLE actions; DROP TABLE file_names; DROP INDEX files_failed;
       ALTER TABLE embeddings DROP COLUMN orphaned_at; ALTER TABLE audit DROP COLUMN profile;
       DROP TABLE chunks_fts;
       CREATE VIRTUAL TABLE chunks_fts USING fts5(title, heading, body, content = '',
         contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2');`,
    );
    db.exec(
      `INSERT INTO roots(path, added_at) VALUES ('/n', 0);
       INSERT INTO files(root_id, path, kind, size, mtime_ms, content_hash, status, title, indexed_at)
       VALUES (1, '/n/Tax Return_2025.pdf', 'pdf', 1, 1, 'h', 'indexed', 'Form 1040', 0)`,
    );
    db.pragma(`user_version = ${SCHEMA_VERSION - 8}`);
    db.close();
    const reader = openDatabase(file, { readonly: true });
    expect(reader.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    // Files indexed before the names table are found by name all the same.
    const names = reader.prepare("SELECT name FROM file_names ORDER BY name").pluck().all();
    expect(names).toEqual(["1040 form", "2025 pdf return tax", "2025 return tax"]);
    reader.close();
  });

  it("refuses a database written by a newer schema", () => {
    const { store, file } = openStore();
    store.close();
    const db = rawDb(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer Hearth/);
  });

  it("refuses vectors from a different model, with the fix in the message", () => {
    const { store } = openStore();
    store.vectors.activateModel("model-a.gguf/plain/64d", 64);
    expect(store.vectors.activateModel("model-a.gguf/plain/64d", 64).dimensions).toBe(64);
    let error: unknown;
    try {
      store.vectors.activateModel("model-b.gguf/bge/384d", 384);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe("INDEX_MODEL_MISMATCH");
    expect((error as HearthError).message).toMatch(/model-a.*64d.*model-b.*384d/s);
    expect((error as HearthError).message).toContain("hearth reindex --vectors");
    store.vectors.replaceIndex("model-b.gguf/bge/384d", 384);
    expect(store.vectors.activeModel()?.fingerprint).toBe("model-b.gguf/bge/384d");
  });

  it("refuses changed chunker settings, with the fix in the message", () => {
    const { store } = openStore();
    store.checkChunker("chunker v1 (target 400)");
    store.checkChunker("chunker v1 (target 400)");
    expect(() => store.checkChunker("chunker v1 (target 200)")).toThrow(/hearth reindex/);
  });

  it("writes a file's chunks, FTS rows and vectors together and removes them together", () => {
    const { store, file } = openStore();
    const root = store.addRoot("/notes");
    store.vectors.activateModel("m", 8);
    const vector = new Float32Array([1, 0, 0, 0, 0, 0, 0, 0]);
    store.writeIndexedFile(
      {
        rootId: root.id,
        path: "/notes/a.md",
        size: 10,
        mtimeMs: 1,
        kind: "md",
        contentHash: "h",
        title: "A",
        vectorModel: "m",
        chunks: [
          {
            ordinal: 0,
            heading: "",
            text: "alpha words",
            location: { startLine: 1, endLine: 2 },
            hash: "c0",
          },
          {
            ordinal: 1,
            heading: "",
            text: "beta words",
            location: { startLine: 3, endLine: 4 },
            hash: "c1",
          },
        ],
      },
      new Map([
        ["c0", vector],
        ["c1", vector],
      ]),
    );
    expect(store.counts()).toMatchObject({ files: 1, chunks: 2, vectors: 2 });
    expect(store.vectors.countChunksWithoutVectors()).toBe(0);
    expect(store.deleteFile("/notes/a.md")).toBe(true);
    expect(store.counts()).toMatchObject({ files: 0, chunks: 0, vectors: 0 });
    expect(
      rawDb(file)
        .prepare("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'alpha'")
        .pluck()
        .get(),
    ).toBe(0);
    // The cache outlives the file: the same text elsewhere is not embedded again.
    expect(store.vectors.cachedVectors("m", ["c0", "c1", "other"]).size).toBe(2);
    expect(store.deleteFile("/notes/a.md")).toBe(false);
  });
});
