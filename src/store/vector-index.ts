// The vector index: which model's vectors are active, their vec0 table, the embedding cache, and the
// state of a model switch (a second table filled in the background, then swapped in one transaction).
// vec0 tables cannot be renamed (their shadow tables stay behind), so the active table's name lives
// in meta.
import { HearthError } from "../errors.js";
import type { Statements } from "./statements.js";
import type { ActiveModel, PendingChunk } from "./types.js";
import { blobToVector, vectorToBlob } from "./vectors.js";

export const DEFAULT_VECTOR_TABLE = "vec_chunks";

export interface PendingSwitch {
  fingerprint: string;
  dimensions: number;
  modelId: number;
  /** The vec0 table being filled. */
  table: string;
  /** The GGUF file, so a daemon restarted mid-switch can resume it. */
  modelPath: string;
}

export interface SwitchTarget {
  fingerprint: string;
  dimensions: number;
  modelPath: string;
}

export interface VectorEntry {
  chunkId: number;
  hash: string;
  vector: Float32Array;
}

/** The active table's name as stored in meta; only names Hearth made are accepted into SQL. */
function vectorTableName(stored: string | null): string {
  if (stored === null) return DEFAULT_VECTOR_TABLE;
  if (!/^vec_[a-z0-9_]+$/.test(stored)) {
    throw new HearthError(
      "INDEX_MODEL_MISMATCH",
      `the index names an unexpected vector table ${JSON.stringify(stored)}`,
      "run `hearth reindex --vectors`",
    );
  }
  return stored;
}

export class VectorIndex {
  constructor(private readonly sql: Statements) {}

  private meta(key: string): string | null {
    const row = this.sql.get("SELECT value FROM meta WHERE key = ?").get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  private setMeta(key: string, value: string): void {
    this.sql
      .get("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?")
      .run(key, value, value);
  }

  private deleteMeta(key: string): void {
    this.sql.get("DELETE FROM meta WHERE key = ?").run(key);
  }

  private tableExists(name: string): boolean {
    return this.sql.get("SELECT 1 FROM sqlite_master WHERE name = ?").get(name) !== undefined;
  }

  private modelId(fingerprint: string, dimensions: number): number {
    this.sql
      .get(
        "INSERT INTO models(fingerprint, dimensions) VALUES (?, ?) ON CONFLICT(fingerprint) DO NOTHING",
      )
      .run(fingerprint, dimensions);
    return this.sql
      .get("SELECT id FROM models WHERE fingerprint = ?")
      .pluck()
      .get(fingerprint) as number;
  }

  /** A vec0 table of sign bits: a coarse Hamming scan picks candidates, exact floats re-score them. */
  private createTable(name: string, dimensions: number): void {
    if (dimensions % 8 !== 0) {
      throw new HearthError(
        "MODEL_LOAD_FAILED",
        `the model has ${dimensions} dimensions; Hearth's vector index needs a multiple of 8`,
        "choose another embedding model",
      );
    }
    this.sql.exec(`DROP TABLE IF EXISTS ${name}`);
    this.sql.exec(
      `CREATE VIRTUAL TABLE ${name} USING vec0(chunk_id INTEGER PRIMARY KEY, bits bit[${dimensions}])`,
    );
  }

  // --- the active model -------------------------------------------------------------------------

  /** The model whose vectors fill the active vector table, if any. */
  activeModel(): ActiveModel | null {
    const fingerprint = this.meta("vector_model");
    if (fingerprint === null) return null;
    const model = this.sql
      .get("SELECT id, fingerprint, dimensions FROM models WHERE fingerprint = ?")
      .get(fingerprint) as Omit<ActiveModel, "table">;
    return { ...model, table: vectorTableName(this.meta("vector_table")) };
  }

  hasVectorTable(): boolean {
    const model = this.activeModel();
    return model !== null && this.tableExists(model.table);
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
    return this.activeModel() ?? this.replaceIndex(fingerprint, dimensions);
  }

  /** Drops every vector and binds the index to a model; the embedding cache is kept. */
  replaceIndex(fingerprint: string, dimensions: number): ActiveModel {
    return this.sql.transaction(() => {
      this.modelId(fingerprint, dimensions);
      this.cancelSwitch();
      const active = this.activeModel();
      if (active) this.sql.exec(`DROP TABLE IF EXISTS ${active.table}`);
      this.deleteMeta("vector_table");
      this.sql.exec("UPDATE chunks SET has_vector = 0 WHERE has_vector = 1");
      this.createTable(DEFAULT_VECTOR_TABLE, dimensions);
      this.setMeta("vector_model", fingerprint);
      return this.activeModel()!;
    });
  }

  /** How many chunks have a vector in the active table. */
  count(): number {
    const model = this.activeModel();
    if (!model || !this.tableExists(model.table)) return 0;
    return this.sql.get(`SELECT count(*) FROM ${model.table}`).pluck().get() as number;
  }

  // --- the cache and the active table -------------------------------------------------------------

  /** Cached vectors for these chunk hashes under a model fingerprint. */
  cachedVectors(fingerprint: string, hashes: readonly string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    const stmt = this.sql.get(
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
    return this.sql
      .get("SELECT id, hash, text, heading FROM chunks WHERE has_vector = 0 ORDER BY id LIMIT ?")
      .all(limit) as PendingChunk[];
  }

  countChunksWithoutVectors(): number {
    return this.sql.get("SELECT count(*) FROM chunks WHERE has_vector = 0").pluck().get() as number;
  }

  /** Stores vectors for existing chunks (backfill), in one transaction, if `fingerprint` is still active. */
  writeVectors(fingerprint: string, entries: readonly VectorEntry[]): void {
    const model = this.activeModel();
    if (model?.fingerprint !== fingerprint) return;
    this.sql.transaction(() => {
      const deleteVec = this.sql.get(`DELETE FROM ${model.table} WHERE chunk_id = ?`);
      for (const e of entries) {
        deleteVec.run(BigInt(e.chunkId));
        this.addToActive(model, e);
      }
    });
  }

  /** A new chunk's vector, inside the file's transaction; the chunk has no vector row yet. */
  addToActive(model: ActiveModel, entry: VectorEntry): void {
    this.put(model, entry);
    this.sql.get("UPDATE chunks SET has_vector = 1 WHERE id = ?").run(entry.chunkId);
  }

  /** Removes deleted chunks' rows from the active table and from a switch's table. */
  deleteChunks(chunkIds: readonly number[]): void {
    const tables = [this.activeModel()?.table, this.pendingSwitch()?.table];
    const deletes = tables.flatMap((t) =>
      t && this.tableExists(t) ? [this.sql.get(`DELETE FROM ${t} WHERE chunk_id = ?`)] : [],
    );
    for (const id of chunkIds) for (const d of deletes) d.run(BigInt(id));
  }

  /**
   * Caches a chunk's vector under a model and adds its sign bits to that model's vec0 table (the
   * active one, or the one a model switch fills). The caller has removed any earlier row.
   */
  private put(model: { id: number; table: string }, entry: VectorEntry): void {
    const blob = vectorToBlob(entry.vector);
    this.sql
      .get("INSERT OR IGNORE INTO embeddings(model_id, hash, vector) VALUES (?, ?, ?)")
      .run(model.id, entry.hash, blob);
    this.sql
      .get(`INSERT INTO ${model.table}(chunk_id, bits) VALUES (?, vec_quantize_binary(?))`)
      .run(BigInt(entry.chunkId), blob);
  }

  // --- a model switch ------------------------------------------------------------------------------

  /** The model switch under way, if any. */
  pendingSwitch(): PendingSwitch | null {
    const value = this.meta("switch");
    return value === null ? null : (JSON.parse(value) as PendingSwitch);
  }

  /** New chunks need a vector from the next model too while a switch is under way. */
  newChunksPendSwitch(): boolean {
    return this.meta("switch") !== null;
  }

  /**
   * Starts (or resumes) a switch to `target`: every chunk is marked as needing its vector. Returns
   * null when `target` is already the active model.
   */
  beginSwitch(target: SwitchTarget): PendingSwitch | null {
    if (this.activeModel()?.fingerprint === target.fingerprint) {
      this.cancelSwitch();
      return null;
    }
    const pending = this.pendingSwitch();
    if (pending?.fingerprint === target.fingerprint) return pending;
    return this.sql.transaction(() => {
      this.cancelSwitch();
      const modelId = this.modelId(target.fingerprint, target.dimensions);
      const table = `vec_m${modelId}`;
      this.createTable(table, target.dimensions);
      this.sql.exec("UPDATE chunks SET pending_switch = 1");
      const started: PendingSwitch = { ...target, modelId, table };
      this.setMeta("switch", JSON.stringify(started));
      return started;
    });
  }

  cancelSwitch(): void {
    const pending = this.pendingSwitch();
    if (!pending) return;
    this.sql.transaction(() => {
      this.sql.exec(`DROP TABLE IF EXISTS ${vectorTableName(pending.table)}`);
      this.sql.exec("UPDATE chunks SET pending_switch = 0 WHERE pending_switch = 1");
      this.deleteMeta("switch");
    });
  }

  chunksPendingSwitch(limit: number): PendingChunk[] {
    return this.sql
      .get(
        "SELECT id, hash, text, heading FROM chunks WHERE pending_switch = 1 ORDER BY id LIMIT ?",
      )
      .all(limit) as PendingChunk[];
  }

  countPendingSwitch(): number {
    return this.sql
      .get("SELECT count(*) FROM chunks WHERE pending_switch = 1")
      .pluck()
      .get() as number;
  }

  /** Stores next-model vectors; ignored if that switch was cancelled or replaced meanwhile. */
  writeSwitchVectors(target: PendingSwitch, entries: readonly VectorEntry[]): void {
    this.sql.transaction(() => {
      if (this.pendingSwitch()?.fingerprint !== target.fingerprint) return;
      const next = { id: target.modelId, table: target.table };
      const remove = this.sql.get(`DELETE FROM ${target.table} WHERE chunk_id = ?`);
      const done = this.sql.get("UPDATE chunks SET pending_switch = 0 WHERE id = ?");
      for (const e of entries) {
        remove.run(BigInt(e.chunkId));
        this.put(next, e);
        done.run(e.chunkId);
      }
    });
  }

  /**
   * Makes the next model the active one, in one transaction, once no chunk waits for its vector.
   * Returns false (and changes nothing) while some do, or when no switch is under way.
   */
  completeSwitch(): boolean {
    return this.sql.transaction(() => {
      const pending = this.pendingSwitch();
      if (!pending || this.countPendingSwitch() > 0) return false;
      const active = this.activeModel();
      if (active) this.sql.exec(`DROP TABLE IF EXISTS ${active.table}`);
      this.setMeta("vector_model", pending.fingerprint);
      this.setMeta("vector_table", pending.table);
      this.deleteMeta("switch");
      this.sql.exec("UPDATE chunks SET has_vector = 1 WHERE has_vector = 0");
      return true;
    });
  }
}
