// The index store: roots, files, chunks, FTS rows, vectors and the embedding cache in one SQLite file.
import type Database from "better-sqlite3";
import { HearthError } from "../errors.js";
import type {
  ActiveModel,
  ChunkRow,
  FailedFileWrite,
  FileRecord,
  FileStat,
  IndexedFileWrite,
  RootRecord,
} from "./types.js";
import {
  DEFAULT_VECTOR_TABLE,
  type PendingSwitch,
  cancelSwitch,
  createVectorTable,
  vectorTableName,
} from "./model-switch.js";
import { replaceTables } from "./table-writes.js";
import { blobToVector, vectorToBlob } from "./vectors.js";

const FILE_COLUMNS = `id, root_id AS rootId, path, kind, size, mtime_ms AS mtimeMs,
  content_hash AS contentHash, status, error, title, indexed_at AS indexedAt`;

export interface PendingChunk {
  id: number;
  hash: string;
  text: string;
  heading: string;
}

export interface StoreCounts {
  roots: number;
  files: number;
  failed: number;
  chunks: number;
  vectors: number;
}

export class Store {
  constructor(
    readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  close(): void {
    this.db.close();
  }

  /** Statements are compiled once: writes run per chunk, and compiling each time cost more than the write. */
  private readonly statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  // --- meta -------------------------------------------------------------------------------------

  getMeta(key: string): string | null {
    const row = this.stmt("SELECT value FROM meta WHERE key = ?").get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmt(
      "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
    ).run(key, value, value);
  }

  /** The chunker's settings are part of the index fingerprint: other settings give other chunks. */
  checkChunker(signature: string): void {
    const stored = this.getMeta("chunker");
    if (stored === null) return this.setMeta("chunker", signature);
    if (stored !== signature) {
      throw new HearthError(
        "INDEX_CHUNKER_MISMATCH",
        `the index was chunked with ${stored}, the config asks for ${signature}`,
        "run `hearth reindex` to re-chunk every file (unchanged text is not embedded again), or restore the chunking settings",
      );
    }
  }

  /** Makes every file look changed, so the next index re-reads and re-chunks it under a new signature. */
  invalidateChunks(signature: string): void {
    this.db.transaction(() => {
      this.db.exec("UPDATE files SET content_hash = '', mtime_ms = -1");
      this.setMeta("chunker", signature);
    })();
  }

  // --- roots ------------------------------------------------------------------------------------

  addRoot(path: string): RootRecord {
    this.stmt("INSERT INTO roots(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING").run(
      path,
      this.now(),
    );
    return this.stmt("SELECT id, path, added_at AS addedAt FROM roots WHERE path = ?").get(
      path,
    ) as RootRecord;
  }

  listRoots(): RootRecord[] {
    return this.stmt(
      "SELECT id, path, added_at AS addedAt FROM roots ORDER BY path",
    ).all() as RootRecord[];
  }

  // --- files ------------------------------------------------------------------------------------

  filesOfRoot(rootId: number): FileRecord[] {
    return this.stmt(`SELECT ${FILE_COLUMNS} FROM files WHERE root_id = ?`).all(
      rootId,
    ) as FileRecord[];
  }

  getFile(path: string): FileRecord | null {
    const row = this.stmt(`SELECT ${FILE_COLUMNS} FROM files WHERE path = ?`).get(path);
    return (row as FileRecord | undefined) ?? null;
  }

  listFailures(limit = 100): FileRecord[] {
    return this.stmt(
      `SELECT ${FILE_COLUMNS} FROM files WHERE status = 'failed' ORDER BY path LIMIT ?`,
    ).all(limit) as FileRecord[];
  }

  /** Replaces a file's chunks, FTS rows, vectors and tables in one transaction: a crash leaves old or new. */
  writeIndexedFile(write: IndexedFileWrite, vectors: ReadonlyMap<string, Float32Array>): void {
    this.db.transaction(() => {
      const fileId = this.upsertFile(write, "indexed", null, write.title);
      this.deleteChunksOf(fileId);
      // Vectors made before a model switch completed are left out; the backfill gives new ones.
      const current = write.vectorModel === this.activeModel()?.fingerprint;
      this.insertChunks(fileId, write.title, write.chunks, current ? vectors : new Map());
      replaceTables((sql) => this.stmt(sql), fileId, write.tables ?? []);
    })();
  }

  /** A file that could not be extracted keeps a row with the reason; it is retried when it changes. */
  writeFailedFile(write: FailedFileWrite): void {
    this.db.transaction(() => {
      const fileId = this.upsertFile(write, "failed", write.error, "");
      this.deleteChunksOf(fileId);
      replaceTables((sql) => this.stmt(sql), fileId, []);
    })();
  }

  /** Same content, new stat (touched, or copied back): remember the stat so it is not re-read. */
  updateStat(stat: FileStat): void {
    this.stmt("UPDATE files SET size = ?, mtime_ms = ? WHERE path = ?").run(
      stat.size,
      Math.trunc(stat.mtimeMs),
      stat.path,
    );
  }

  deleteFile(path: string): boolean {
    return this.db.transaction(() => {
      const file = this.getFile(path);
      if (!file) return false;
      this.deleteChunksOf(file.id);
      this.stmt("DELETE FROM files WHERE id = ?").run(file.id);
      return true;
    })();
  }

  /** Removes every indexed file below a folder (a deleted or renamed folder). Returns how many. */
  deleteFilesUnder(dir: string): number {
    const prefix = dir.endsWith("/") ? dir : dir + "/";
    const paths = this.stmt("SELECT path FROM files WHERE substr(path, 1, ?) = ?")
      .pluck()
      .all(prefix.length, prefix) as string[];
    for (const path of paths) this.deleteFile(path);
    return paths.length;
  }

  /** Forgets a root and everything indexed under it. */
  removeRoot(path: string): number {
    const root = this.stmt("SELECT id FROM roots WHERE path = ?").get(path) as
      { id: number } | undefined;
    if (!root) return 0;
    const files = this.filesOfRoot(root.id);
    for (const f of files) this.deleteFile(f.path);
    this.stmt("DELETE FROM roots WHERE id = ?").run(root.id);
    return files.length;
  }

  private upsertFile(
    write: FileStat & { rootId: number; kind: string; contentHash: string },
    status: "indexed" | "failed",
    error: string | null,
    title: string,
  ): number {
    const row = this.stmt(
      `INSERT INTO files(root_id, path, kind, size, mtime_ms, content_hash, status, error, title, indexed_at)
         VALUES (@rootId, @path, @kind, @size, @mtimeMs, @contentHash, @status, @error, @title, @now)
         ON CONFLICT(path) DO UPDATE SET root_id = @rootId, kind = @kind, size = @size,
           mtime_ms = @mtimeMs, content_hash = @contentHash, status = @status, error = @error,
           title = @title, indexed_at = @now
         RETURNING id`,
    ).get({
      rootId: write.rootId,
      path: write.path,
      kind: write.kind,
      size: write.size,
      mtimeMs: Math.trunc(write.mtimeMs),
      contentHash: write.contentHash,
      status,
      error,
      title,
      now: this.now(),
    }) as { id: number };
    return row.id;
  }

  private deleteChunksOf(fileId: number): void {
    const ids = this.stmt("SELECT id FROM chunks WHERE file_id = ?")
      .pluck()
      .all(fileId) as number[];
    if (ids.length === 0) return;
    const deleteFts = this.stmt("DELETE FROM chunks_fts WHERE rowid = ?");
    const tables = [this.activeModel()?.table, this.pendingSwitch()?.table];
    const deleteVec = tables.flatMap((t) =>
      t && this.tableExists(t) ? [this.stmt(`DELETE FROM ${t} WHERE chunk_id = ?`)] : [],
    );
    for (const id of ids) {
      deleteFts.run(id);
      for (const d of deleteVec) d.run(BigInt(id));
    }
    this.stmt("DELETE FROM chunks WHERE file_id = ?").run(fileId);
  }

  private insertChunks(
    fileId: number,
    title: string,
    chunks: readonly ChunkRow[],
    vectors: ReadonlyMap<string, Float32Array>,
  ): void {
    const insertChunk = this.stmt(
      `INSERT INTO chunks(file_id, ordinal, heading, text, start_line, end_line, page, sheet, hash,
         pending_switch)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    const pending = this.pendingSwitch() ? 1 : 0;
    const insertFts = this.stmt(
      "INSERT INTO chunks_fts(rowid, title, heading, body) VALUES (?, ?, ?, ?)",
    );
    const model = vectors.size > 0 ? this.activeModel() : null;
    for (const chunk of chunks) {
      const loc = chunk.location;
      const { id } = insertChunk.get(
        fileId,
        chunk.ordinal,
        chunk.heading,
        chunk.text,
        "startLine" in loc ? loc.startLine : "startRow" in loc ? loc.startRow : null,
        "endLine" in loc ? loc.endLine : "endRow" in loc ? loc.endRow : null,
        "page" in loc ? loc.page : null,
        "sheet" in loc ? loc.sheet : null,
        chunk.hash,
        pending,
      ) as { id: number };
      insertFts.run(id, title, chunk.heading, chunk.text);
      const vector = vectors.get(chunk.hash);
      if (model && vector) this.insertVector(model, id, chunk.hash, vector);
    }
  }

  // --- vectors ----------------------------------------------------------------------------------

  tableExists(name: string): boolean {
    return this.stmt("SELECT 1 FROM sqlite_master WHERE name = ?").get(name) !== undefined;
  }

  hasVectorTable(): boolean {
    const model = this.activeModel();
    return model !== null && this.tableExists(model.table);
  }

  /** The model whose vectors fill the active vector table, if any. */
  activeModel(): ActiveModel | null {
    const fingerprint = this.getMeta("vector_model");
    if (fingerprint === null) return null;
    const model = this.stmt(
      "SELECT id, fingerprint, dimensions FROM models WHERE fingerprint = ?",
    ).get(fingerprint) as Omit<ActiveModel, "table">;
    return { ...model, table: vectorTableName(this.getMeta("vector_table")) };
  }

  /** The model switch under way, if any (see model-switch.ts). */
  pendingSwitch(): PendingSwitch | null {
    const value = this.getMeta("switch");
    return value === null ? null : (JSON.parse(value) as PendingSwitch);
  }

  /** Refuses a model other than the one the index's vectors came from. */
  assertModelMatches(fingerprint: string, dimensions: number): void {
    const active = this.activeModel();
    if (active && active.fingerprint !== fingerprint) {
      throw new HearthError(
        "INDEX_MODEL_MISMATCH",
        `the index's vectors were made by ${active.fingerprint} (${active.dimensions}d), but the configured model is ${fingerprint} (${dimensions}d)`,
        "run `hearth reindex --vectors` to re-embed with the configured model (the keyword index is kept), or set embedding.model back",
      );
    }
  }

  /** Binds the index to a model, unless its vectors came from another one. */
  activateModel(fingerprint: string, dimensions: number): ActiveModel {
    this.assertModelMatches(fingerprint, dimensions);
    return this.activeModel() ?? this.replaceVectorIndex(fingerprint, dimensions);
  }

  /** Drops every vector and binds the index to a model; the embedding cache is kept. */
  replaceVectorIndex(fingerprint: string, dimensions: number): ActiveModel {
    return this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO models(fingerprint, dimensions) VALUES (?, ?) ON CONFLICT(fingerprint) DO NOTHING",
        )
        .run(fingerprint, dimensions);
      cancelSwitch(this);
      const active = this.activeModel();
      if (active) this.db.exec(`DROP TABLE IF EXISTS ${active.table}`);
      this.db.prepare("DELETE FROM meta WHERE key = 'vector_table'").run();
      this.db.exec("UPDATE chunks SET has_vector = 0 WHERE has_vector = 1");
      createVectorTable(this.db, DEFAULT_VECTOR_TABLE, dimensions);
      this.setMeta("vector_model", fingerprint);
      return this.activeModel()!;
    })();
  }

  /** Cached vectors for these chunk hashes under a model fingerprint. */
  cachedVectors(fingerprint: string, hashes: readonly string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    const stmt = this.stmt(
      `SELECT e.vector FROM embeddings e JOIN models m ON m.id = e.model_id
       WHERE m.fingerprint = ? AND e.hash = ?`,
    );
    for (const hash of new Set(hashes)) {
      const row = stmt.get(fingerprint, hash) as { vector: Buffer } | undefined;
      if (row) out.set(hash, blobToVector(row.vector));
    }
    return out;
  }

  /** Chunks with no vector under the active model (indexed without a model, or after a switch). */
  chunksWithoutVectors(limit: number): PendingChunk[] {
    if (!this.activeModel()) return [];
    return this.stmt(
      `SELECT id, hash, text, heading FROM chunks WHERE has_vector = 0 ORDER BY id LIMIT ?`,
    ).all(limit) as PendingChunk[];
  }

  countChunksWithoutVectors(): number {
    return this.stmt("SELECT count(*) FROM chunks WHERE has_vector = 0").pluck().get() as number;
  }

  /** Stores vectors for existing chunks (backfill), in one transaction, if `fingerprint` is still active. */
  writeVectors(
    fingerprint: string,
    entries: readonly { chunkId: number; hash: string; vector: Float32Array }[],
  ): void {
    const model = this.activeModel();
    if (model?.fingerprint !== fingerprint) return;
    this.db.transaction(() => {
      const deleteVec = this.stmt(`DELETE FROM ${model.table} WHERE chunk_id = ?`);
      for (const e of entries) {
        deleteVec.run(BigInt(e.chunkId));
        this.insertVector(model, e.chunkId, e.hash, e.vector);
      }
    })();
  }

  private insertVector(
    model: ActiveModel,
    chunkId: number,
    hash: string,
    vector: Float32Array,
  ): void {
    this.putVector(model, chunkId, hash, vector);
    this.stmt("UPDATE chunks SET has_vector = 1 WHERE id = ?").run(chunkId);
  }

  /**
   * Caches a chunk's vector under a model and adds its sign bits to that model's vec0 table (the
   * active one, or the one a model switch fills). The caller has removed any earlier row.
   */
  putVector(
    model: { id: number; table: string },
    chunkId: number,
    hash: string,
    vector: Float32Array,
  ): void {
    const blob = vectorToBlob(vector);
    this.stmt("INSERT OR IGNORE INTO embeddings(model_id, hash, vector) VALUES (?, ?, ?)").run(
      model.id,
      hash,
      blob,
    );
    this.stmt(`INSERT INTO ${model.table}(chunk_id, bits) VALUES (?, vec_quantize_binary(?))`).run(
      BigInt(chunkId),
      blob,
    );
  }

  // --- stats ------------------------------------------------------------------------------------

  counts(): StoreCounts {
    const one = (sql: string) => (this.stmt(sql).pluck().get() as number) ?? 0;
    return {
      roots: one("SELECT count(*) FROM roots"),
      files: one("SELECT count(*) FROM files WHERE status = 'indexed'"),
      failed: one("SELECT count(*) FROM files WHERE status = 'failed'"),
      chunks: one("SELECT count(*) FROM chunks"),
      vectors: this.hasVectorTable() ? one(`SELECT count(*) FROM ${this.activeModel()!.table}`) : 0,
    };
  }

  filesPerRoot(): Map<number, number> {
    const rows = this.stmt(
      "SELECT root_id AS rootId, count(*) AS n FROM files WHERE status = 'indexed' GROUP BY root_id",
    ).all() as { rootId: number; n: number }[];
    return new Map(rows.map((r) => [r.rootId, r.n]));
  }
}
