// What deleting leaves behind, erased: cached vectors that no chunk refers to any more, copies of
// deleted pages in the WAL, and (on request) whatever an older index left in free pages and FTS
// segments. secure_delete and FTS5's secure-delete (open-database.ts, migrations.ts) do the rest.
import type { Statements } from "./statements.js";

export interface PurgeReport {
  /** Cached vectors deleted. */
  vectors: number;
  /** False when a reader kept the WAL from being emptied; the next purge tries again. */
  walTruncated: boolean;
  /** When the next kept orphan's time is up (epoch ms), for a pass then; null when none is kept. */
  nextPurgeAt: number | null;
}

const IN_USE = "EXISTS (SELECT 1 FROM chunks c WHERE c.hash = embeddings.hash)";

export class Eraser {
  constructor(private readonly sql: Statements) {}

  /**
   * Deletes cached vectors orphaned for at least `keepMs`. An entry is stamped when it is first
   * seen orphaned and unstamped when a chunk uses it again, so a renamed file keeps its vectors.
   */
  purgeCache(now: number, keepMs: number): number {
    return this.sql.transaction(() => {
      this.sql
        .get(`UPDATE embeddings SET orphaned_at = NULL WHERE orphaned_at IS NOT NULL AND ${IN_USE}`)
        .run();
      this.sql
        .get(`UPDATE embeddings SET orphaned_at = ? WHERE orphaned_at IS NULL AND NOT ${IN_USE}`)
        .run(now);
      return this.sql.get("DELETE FROM embeddings WHERE orphaned_at <= ?").run(now - keepMs)
        .changes;
    });
  }

  /** When the earliest orphan still kept expires. */
  nextExpiry(keepMs: number): number | null {
    const first = this.sql
      .get("SELECT min(orphaned_at) FROM embeddings WHERE orphaned_at IS NOT NULL")
      .pluck()
      .get() as number | null;
    return first === null ? null : first + keepMs;
  }

  /** Copies every page back into the database file and empties the WAL. */
  truncateWal(): boolean {
    return this.sql.pragma("wal_checkpoint(TRUNCATE)") === 0;
  }

  /** Rewrites the FTS index into one segment and the file without free pages: slow, on request only. */
  compact(): void {
    this.sql.exec("INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')");
    this.sql.exec("VACUUM");
  }
}
