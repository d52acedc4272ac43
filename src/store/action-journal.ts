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
  /** Whether the previous version is still kept (it is for the latest actions.keepVersions). */
  restorable: boolean;
  undoneAt: number | null;
}

export type NewAction = Omit<ActionRecord, "id" | "restorable" | "undoneAt"> & {
  beforeBytes: Buffer | null;
};

const COLUMNS = `id, at, client, profile, tool, path, to_path AS toPath, before_hash AS beforeHash,
  after_hash AS afterHash, before_bytes IS NOT NULL AS restorable, undone_at AS undoneAt`;

type Row = Omit<ActionRecord, "restorable"> & { restorable: number };

const record = (row: Row): ActionRecord => ({ ...row, restorable: row.restorable === 1 });

export class ActionJournal {
  constructor(private readonly sql: Statements) {}

  /** Records an action; only the latest `keep` keep their previous version. */
  add(action: NewAction, keep: number): number {
    return this.sql.transaction(() => {
      const id = Number(
        this.sql
          .get(
            `INSERT INTO actions(at, client, profile, tool, path, to_path, before_hash, after_hash, before_bytes)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      this.sql
        .get("UPDATE actions SET before_bytes = NULL WHERE id <= ? AND before_bytes IS NOT NULL")
        .run(id - keep);
      return id;
    });
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
      .get(`SELECT ${COLUMNS} FROM actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT ?`)
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
