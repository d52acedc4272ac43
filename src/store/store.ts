// The index store: one SQLite file holding roots, files, chunks, FTS rows, vectors, tables and the
// audit log. Only this folder writes SQL; each concern has its query module on one statement cache.
import { HearthError } from "../errors.js";
import { ActionJournal } from "./action-journal.js";
import { AuditLog } from "./audit-log.js";
import { Catalog } from "./catalog.js";
import { Eraser, type PurgeReport } from "./eraser.js";
import { nameKeys } from "./name-keys.js";
import { type OpenOptions, openDatabase } from "./open-database.js";
import { pathPrefixSql } from "./path-prefix.js";
import { Retrieval } from "./retrieval.js";
import { Statements } from "./statements.js";
import { TableStore } from "./table-sql/table-store.js";
import { replaceTables } from "./table-writes.js";
import type {
  Chunk,
  FailedFileWrite,
  FileRecord,
  FileStat,
  IndexedFileWrite,
  RootRecord,
} from "./types.js";
import type { VectorEntry } from "./vector-index.js";
import { VectorIndex } from "./vector-index.js";

const FILE_COLUMNS = `id, root_id AS rootId, path, kind, size, mtime_ms AS mtimeMs,
  content_hash AS contentHash, status, error, title, indexed_at AS indexedAt,
  ocr_confidence AS ocrConfidence`;

export interface StoreCounts {
  roots: number;
  files: number;
  failed: number;
  chunks: number;
  vectors: number;
}

export class Store {
  private readonly sql: Statements;
  readonly vectors: VectorIndex;
  readonly retrieval: Retrieval;
  readonly catalog: Catalog;
  readonly audit: AuditLog;
  readonly actions: ActionJournal;
  readonly tables: TableStore;
  private readonly eraser: Eraser;
  /** Set when chunks were deleted since the last purge. */
  private erased = true;

  private constructor(
    sql: Statements,
    private readonly now: () => number,
  ) {
    this.sql = sql;
    this.vectors = new VectorIndex(sql);
    this.retrieval = new Retrieval(sql);
    this.catalog = new Catalog(sql);
    this.audit = new AuditLog(sql);
    this.actions = new ActionJournal(sql);
    this.tables = new TableStore(sql);
    this.eraser = new Eraser(sql);
  }

  /** Opens (creating and migrating, unless read-only) the index file. */
  static open(file: string, options: OpenOptions = {}, now: () => number = Date.now): Store {
    return new Store(new Statements(openDatabase(file, options)), now);
  }

  close(): void {
    this.sql.close();
  }

  get readonly(): boolean {
    return this.sql.readonly;
  }

  // --- meta -------------------------------------------------------------------------------------

  getMeta(key: string): string | null {
    const row = this.sql.get("SELECT value FROM meta WHERE key = ?").get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql
      .get("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?")
      .run(key, value, value);
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
    this.sql.transaction(() => {
      this.sql.exec("UPDATE files SET content_hash = '', mtime_ms = -1");
      this.setMeta("chunker", signature);
    });
  }

  /** SQLite's own check of the file ("ok" when sound). */
  quickCheck(): string {
    return String(this.sql.pragma("quick_check"));
  }

  // --- roots ------------------------------------------------------------------------------------

  addRoot(path: string): RootRecord {
    this.sql
      .get("INSERT INTO roots(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING")
      .run(path, this.now());
    return this.sql
      .get("SELECT id, path, added_at AS addedAt FROM roots WHERE path = ?")
      .get(path) as RootRecord;
  }

  listRoots(): RootRecord[] {
    return this.sql
      .get("SELECT id, path, added_at AS addedAt FROM roots ORDER BY path")
      .all() as RootRecord[];
  }

  // --- files ------------------------------------------------------------------------------------

  filesOfRoot(rootId: number): FileRecord[] {
    return this.sql
      .get(`SELECT ${FILE_COLUMNS} FROM files WHERE root_id = ?`)
      .all(rootId) as FileRecord[];
  }

  getFile(path: string): FileRecord | null {
    const row = this.sql.get(`SELECT ${FILE_COLUMNS} FROM files WHERE path = ?`).get(path);
    return (row as FileRecord | undefined) ?? null;
  }

  listFailures(limit = 100): FileRecord[] {
    return this.sql
      .get(`SELECT ${FILE_COLUMNS} FROM files WHERE status = 'failed' ORDER BY path LIMIT ?`)
      .all(limit) as FileRecord[];
  }

  /** A file's chunks, and how many of them have a vector under the active model. */
  chunkCounts(fileId: number): { chunks: number; vectors: number } {
    const row = this.sql
      .get("SELECT count(*) AS chunks, sum(has_vector) AS vectors FROM chunks WHERE file_id = ?")
      .get(fileId) as { chunks: number; vectors: number | null };
    return { chunks: row.chunks, vectors: row.vectors ?? 0 };
  }

  /** Replaces a file's chunks, FTS rows, vectors and tables in one transaction: a crash leaves old or new. */
  writeIndexedFile(write: IndexedFileWrite, vectors: ReadonlyMap<string, Float32Array>): void {
    this.sql.transaction(() => {
      this.deleteChunksOf(this.getFile(write.path));
      const fileId = this.upsertFile(
        write,
        "indexed",
        write.unread ?? null,
        write.title,
        write.ocrConfidence,
      );
      // Vectors made before a model switch completed are left out; the backfill gives new ones.
      const current = write.vectorModel === this.vectors.activeModel()?.fingerprint;
      this.insertChunks(fileId, write.title, write.chunks, current ? vectors : new Map());
      replaceTables((sql) => this.sql.get(sql), fileId, write.tables ?? []);
    });
  }

  /** A file that could not be extracted keeps a row with the reason; it is retried when it changes. */
  writeFailedFile(write: FailedFileWrite): void {
    this.sql.transaction(() => {
      this.deleteChunksOf(this.getFile(write.path));
      const fileId = this.upsertFile(write, "failed", write.error, "");
      replaceTables((sql) => this.sql.get(sql), fileId, []);
    });
  }

  /**
   * Makes the files left unread, in whole (failed) or in part, for a reason ending in `reason` look
   * changed, so the next look at their roots reads them again (scans left unread while OCR was off,
   * once it is on). Returns how many.
   */
  rereadUnread(reason: string): number {
    return this.sql
      .get(
        // The size, not the time: a file read in part stays searchable meanwhile, with its date.
        `UPDATE files SET content_hash = '', size = -1
           WHERE substr(error, -length(?)) = ?`,
      )
      .run(reason, reason).changes;
  }

  /** Same content, new stat (touched, or copied back): remember the stat so it is not re-read. */
  updateStat(stat: FileStat): void {
    this.sql
      .get("UPDATE files SET size = ?, mtime_ms = ? WHERE path = ?")
      .run(stat.size, Math.trunc(stat.mtimeMs), stat.path);
  }

  deleteFile(path: string): boolean {
    return this.sql.transaction(() => {
      const file = this.getFile(path);
      if (!file) return false;
      this.erased = true;
      this.deleteChunksOf(file);
      this.sql.get("DELETE FROM files WHERE id = ?").run(file.id);
      return true;
    });
  }

  /** Removes every indexed file below a folder (a deleted or renamed folder). Returns how many. */
  deleteFilesUnder(dir: string): number {
    const under = pathPrefixSql(dir, "path");
    const paths = this.sql
      .get(`SELECT path FROM files WHERE ${under.text} AND path != ?`)
      .pluck()
      .all(...under.params, under.params[0]) as string[];
    for (const path of paths) this.deleteFile(path);
    return paths.length;
  }

  /** Forgets a root and everything indexed under it. */
  removeRoot(path: string): number {
    const root = this.sql.get("SELECT id FROM roots WHERE path = ?").get(path) as
      { id: number } | undefined;
    if (!root) return 0;
    const files = this.filesOfRoot(root.id);
    for (const f of files) this.deleteFile(f.path);
    this.sql.get("DELETE FROM roots WHERE id = ?").run(root.id);
    return files.length;
  }

  private upsertFile(
    write: FileStat & { rootId: number; kind: string; contentHash: string },
    status: "indexed" | "failed",
    error: string | null,
    title: string,
    ocrConfidence: number | null = null,
  ): number {
    const row = this.sql
      .get(
        `INSERT INTO files(root_id, path, kind, size, mtime_ms, content_hash, status, error, title, indexed_at, ocr_confidence)
         VALUES (@rootId, @path, @kind, @size, @mtimeMs, @contentHash, @status, @error, @title, @now, @ocr)
         ON CONFLICT(path) DO UPDATE SET root_id = @rootId, kind = @kind, size = @size,
           mtime_ms = @mtimeMs, content_hash = @contentHash, status = @status, error = @error,
           title = @title, indexed_at = @now, ocr_confidence = @ocr
         RETURNING id`,
      )
      .get({
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
        ocr: ocrConfidence ?? null,
      }) as { id: number };
    this.sql.get("DELETE FROM file_names WHERE file_id = ?").run(row.id);
    const addName = this.sql.get("INSERT OR IGNORE INTO file_names(name, file_id) VALUES (?, ?)");
    for (const name of nameKeys(write.path, title)) addName.run(name, row.id);
    return row.id;
  }

  /**
   * Deletes a file's chunks with their FTS rows and vectors, before the file's row changes: a
   * contentless FTS row is deleted by giving back the values it was made from (the title included).
   */
  private deleteChunksOf(file: Pick<FileRecord, "id" | "title"> | null): void {
    if (!file) return;
    const chunks = this.sql
      .get("SELECT id, heading, text FROM chunks WHERE file_id = ?")
      .all(file.id) as { id: number; heading: string; text: string }[];
    if (chunks.length === 0) return;
    this.erased = true;
    const deleteFts = this.sql.get(
      "INSERT INTO chunks_fts(chunks_fts, rowid, title, heading, body) VALUES ('delete', ?, ?, ?, ?)",
    );
    for (const c of chunks) deleteFts.run(c.id, file.title, c.heading, c.text);
    this.vectors.deleteChunks(chunks.map((c) => c.id));
    this.sql.get("DELETE FROM chunks WHERE file_id = ?").run(file.id);
  }

  private insertChunks(
    fileId: number,
    title: string,
    chunks: readonly Chunk[],
    vectors: ReadonlyMap<string, Float32Array>,
  ): void {
    const insertChunk = this.sql.get(
      `INSERT INTO chunks(file_id, ordinal, heading, text, start_line, end_line, page, sheet, hash,
         pending_switch, ocr_confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    const pending = this.vectors.newChunksPendSwitch() ? 1 : 0;
    const insertFts = this.sql.get(
      "INSERT INTO chunks_fts(rowid, title, heading, body) VALUES (?, ?, ?, ?)",
    );
    const model = vectors.size > 0 ? this.vectors.activeModel() : null;
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
        chunk.ocrConfidence ?? null,
      ) as { id: number };
      insertFts.run(id, title, chunk.heading, chunk.text);
      const vector = vectors.get(chunk.hash);
      if (model && vector) {
        const entry: VectorEntry = { chunkId: id, hash: chunk.hash, vector };
        this.vectors.addToActive(model, entry);
      }
    }
  }

  // --- forgetting -------------------------------------------------------------------------------

  /**
   * Erases what deletions since the last purge left behind: cached vectors no chunk uses (after
   * `keepDeletedMs`) and the WAL's copies of deleted pages. Cheap when nothing was deleted.
   */
  purgeDeleted(keepDeletedMs: number): PurgeReport {
    if (!this.erased) return { vectors: 0, walTruncated: true, nextPurgeAt: null };
    const vectors = this.eraser.purgeCache(this.now(), keepDeletedMs);
    const walTruncated = this.eraser.truncateWal();
    const nextPurgeAt = keepDeletedMs > 0 ? this.eraser.nextExpiry(keepDeletedMs) : null;
    // Orphans kept for keepDeletedMs must be looked at again when their time is up.
    this.erased = !walTruncated || nextPurgeAt !== null;
    return { vectors, walTruncated, nextPurgeAt };
  }

  /** `hearth forget --purge`: everything at once, including what an older index left in free pages. */
  purgeNow(): PurgeReport {
    const vectors = this.eraser.purgeCache(this.now(), 0);
    this.eraser.compact();
    const walTruncated = this.eraser.truncateWal();
    this.erased = !walTruncated;
    return { vectors, walTruncated, nextPurgeAt: null };
  }

  // --- stats ------------------------------------------------------------------------------------

  counts(): StoreCounts {
    const one = (sql: string) => (this.sql.get(sql).pluck().get() as number) ?? 0;
    return {
      roots: one("SELECT count(*) FROM roots"),
      files: one("SELECT count(*) FROM files WHERE status = 'indexed'"),
      failed: one("SELECT count(*) FROM files WHERE status = 'failed'"),
      chunks: one("SELECT count(*) FROM chunks"),
      vectors: this.vectors.count(),
    };
  }

  filesPerRoot(): Map<number, number> {
    const rows = this.sql
      .get(
        "SELECT root_id AS rootId, count(*) AS n FROM files WHERE status = 'indexed' GROUP BY root_id",
      )
      .all() as { rootId: number; n: number }[];
    return new Map(rows.map((r) => [r.rootId, r.n]));
  }
}
