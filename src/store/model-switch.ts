// Switching the embedding model without a gap: the next model's vectors fill a second vec0 table
// while searches use the active one; when every chunk has one, a single transaction swaps them.
// vec0 tables cannot be renamed (their shadow tables stay behind), so the active table's name
// lives in meta.
import type Database from "better-sqlite3";
import { HearthError } from "../errors.js";
import type { PendingChunk, Store } from "./store.js";

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

/** The active table's name as stored in meta; only names Hearth made are accepted into SQL. */
export function vectorTableName(stored: string | null): string {
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

/** A vec0 table of sign bits: a coarse Hamming scan picks candidates, exact floats re-score them. */
export function createVectorTable(db: Database.Database, name: string, dimensions: number): void {
  if (dimensions % 8 !== 0) {
    throw new HearthError(
      "MODEL_LOAD_FAILED",
      `the model has ${dimensions} dimensions; Hearth's vector index needs a multiple of 8`,
      "choose another embedding model",
    );
  }
  db.exec(`DROP TABLE IF EXISTS ${name}`);
  db.exec(
    `CREATE VIRTUAL TABLE ${name} USING vec0(chunk_id INTEGER PRIMARY KEY, bits bit[${dimensions}])`,
  );
}

export interface SwitchTarget {
  fingerprint: string;
  dimensions: number;
  modelPath: string;
}

/**
 * Starts (or resumes) a switch to `target`: every chunk is marked as needing its vector. Returns
 * null when `target` is already the active model.
 */
export function beginSwitch(store: Store, target: SwitchTarget): PendingSwitch | null {
  if (store.activeModel()?.fingerprint === target.fingerprint) {
    cancelSwitch(store);
    return null;
  }
  const pending = store.pendingSwitch();
  if (pending?.fingerprint === target.fingerprint) return pending;
  return store.db.transaction(() => {
    cancelSwitch(store);
    store.db
      .prepare(
        "INSERT INTO models(fingerprint, dimensions) VALUES (?, ?) ON CONFLICT(fingerprint) DO NOTHING",
      )
      .run(target.fingerprint, target.dimensions);
    const modelId = store.db
      .prepare("SELECT id FROM models WHERE fingerprint = ?")
      .pluck()
      .get(target.fingerprint) as number;
    const table = `vec_m${modelId}`;
    createVectorTable(store.db, table, target.dimensions);
    store.db.exec("UPDATE chunks SET pending_switch = 1");
    const started: PendingSwitch = { ...target, modelId, table };
    store.setMeta("switch", JSON.stringify(started));
    return started;
  })();
}

export function cancelSwitch(store: Store): void {
  const pending = store.pendingSwitch();
  if (!pending) return;
  store.db.transaction(() => {
    store.db.exec(`DROP TABLE IF EXISTS ${vectorTableName(pending.table)}`);
    store.db.exec("UPDATE chunks SET pending_switch = 0 WHERE pending_switch = 1");
    store.db.prepare("DELETE FROM meta WHERE key = 'switch'").run();
  })();
}

export function chunksPendingSwitch(store: Store, limit: number): PendingChunk[] {
  return store.db
    .prepare(
      "SELECT id, hash, text, heading FROM chunks WHERE pending_switch = 1 ORDER BY id LIMIT ?",
    )
    .all(limit) as PendingChunk[];
}

export function countPendingSwitch(store: Store): number {
  return store.db
    .prepare("SELECT count(*) FROM chunks WHERE pending_switch = 1")
    .pluck()
    .get() as number;
}

/** Stores next-model vectors; ignored if that switch was cancelled or replaced meanwhile. */
export function writeSwitchVectors(
  store: Store,
  target: PendingSwitch,
  entries: readonly { chunkId: number; hash: string; vector: Float32Array }[],
): void {
  store.db.transaction(() => {
    if (store.pendingSwitch()?.fingerprint !== target.fingerprint) return;
    const next = { id: target.modelId, table: target.table };
    const remove = store.db.prepare(`DELETE FROM ${target.table} WHERE chunk_id = ?`);
    const done = store.db.prepare("UPDATE chunks SET pending_switch = 0 WHERE id = ?");
    for (const e of entries) {
      remove.run(BigInt(e.chunkId));
      store.putVector(next, e.chunkId, e.hash, e.vector);
      done.run(e.chunkId);
    }
  })();
}

/**
 * Makes the next model the active one, in one transaction, once no chunk waits for its vector.
 * Returns false (and changes nothing) while some do, or when no switch is under way.
 */
export function completeSwitch(store: Store): boolean {
  return store.db.transaction(() => {
    const pending = store.pendingSwitch();
    if (!pending || countPendingSwitch(store) > 0) return false;
    const active = store.activeModel();
    if (active) store.db.exec(`DROP TABLE IF EXISTS ${active.table}`);
    store.setMeta("vector_model", pending.fingerprint);
    store.setMeta("vector_table", pending.table);
    store.db.prepare("DELETE FROM meta WHERE key = 'switch'").run();
    store.db.exec("UPDATE chunks SET has_vector = 1 WHERE has_vector = 0");
    return true;
  })();
}
