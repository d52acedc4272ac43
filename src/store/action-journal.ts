// The journal of actions agents took on the user's files: one row per write, with the hashes
// before and after and the previous version, so `hearth actions` can list them and `hearth undo`
// can reverse them — and refuse when the file changed since.
import type { Statements } from "./statements.js";

export interface ActionRecord {
  id: number;
  at: number;
  client: string;
  profile: string | null;
  tool: string;
  path: string;
  toPath: string | null;
  beforeHash: string | null;
  afterHash: string;
  /** Whether `hearth undo` can put it back (an edit's previous version is kept for the latest). */
  restorable: boolean;
  undoneAt: number | null;
  /** Journaled, its write not yet known to have happened (a crash came between). */
  pending: boolean;
}

export type NewAction = Omit<ActionRecord, "id" | "restorable" | "undoneAt" | "pending"> & {
  beforeBytes: Buffer | null;
};

const COLUMNS = `id, at, client, profile, tool, path, to_path AS toPath, before_hash AS beforeHash,
  after_hash AS afterHash, undone_at AS undoneAt, pending,
  (undone_at IS NULL AND (before_bytes IS NOT NULL OR tool IN ('create_note', 'move_file'))) AS restorable`;

type Row = Omit<ActionRecord, "restorable" | "pending"> & { restorable: number; pending: number };

const record = (row: Row): ActionRecord => ({
  ...row,
  restorable: row.restorable === 1,
  pending: row.pending === 1,
});

export class ActionJournal {
  constructor(private readonly sql: Statements) {}

  /** Journals an action about to be written (pending until `done`). */
  begin(action: NewAction): number {
    return Number(
      this.sql
        .get(
          `INSERT INTO actions(at, client, profile, tool, path, to_path, before_hash, after_hash, before_bytes, pending)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          action.at,
          action.client,
          action.profile,
          action.tool,
          action.path,
          action.toPath,
          action.beforeHash,
          action.afterHash,
          action.beforeBytes,
        ).lastInsertRowid,
    );
  }

  /** The action's write happened; only the latest `keep` actions keep their previous version. */
  done(id: number, keep: number): void {
    this.sql.transaction(() => {
      this.sql.get("UPDATE actions SET pending = 0 WHERE id = ?").run(id);
      this.sql
        .get("UPDATE actions SET before_bytes = NULL WHERE id <= ? AND before_bytes IS NOT NULL")
        .run(id - keep);
    });
  }

  /** The action's write did not happen: no trace of it. */
  discard(id: number): void {
    this.sql.get("DELETE FROM actions WHERE id = ?").run(id);
  }

  /** Actions whose write was never confirmed done (a crash came between), oldest first. */
  unsettled(): ActionRecord[] {
    const rows = this.sql
      .get(`SELECT ${COLUMNS} FROM actions WHERE pending = 1 ORDER BY id`)
      .all() as Row[];
    return rows.map(record);
  }

  /** The latest actions, newest first. */
  latest(limit: number): ActionRecord[] {
    const rows = this.sql
      .get(`SELECT ${COLUMNS} FROM actions ORDER BY id DESC LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(record);
  }

  /** The latest actions not undone yet, newest first. */
  undoable(limit: number): ActionRecord[] {
    const rows = this.sql
      .get(
        `SELECT ${COLUMNS} FROM actions WHERE undone_at IS NULL AND pending = 0 ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as Row[];
    return rows.map(record);
  }

  get(id: number): ActionRecord | null {
    const row = this.sql.get(`SELECT ${COLUMNS} FROM actions WHERE id = ?`).get(id) as
      Row | undefined;
    return row ? record(row) : null;
  }

  /** The version before the action, when it is kept. */
  previousVersion(id: number): Buffer | null {
    const bytes = this.sql.get("SELECT before_bytes FROM actions WHERE id = ?").pluck().get(id);
    return Buffer.isBuffer(bytes) ? bytes : null;
  }

  markUndone(id: number, at: number): void {
    this.sql.get("UPDATE actions SET undone_at = ?, before_bytes = NULL WHERE id = ?").run(at, id);
  }

  /** Drops actions older than the audit retention, previous versions with them. */
  prune(beforeMs: number): number {
    return this.sql.get("DELETE FROM actions WHERE at < ?").run(beforeMs).changes;
  }
}
