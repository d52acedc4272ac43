// Numbered schema migrations, applied in order under PRAGMA user_version.
import type Database from "better-sqlite3-multiple-ciphers";
import { HearthError } from "../errors.js";

/** Index i holds the migration that takes user_version from i to i + 1. Append only. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE roots (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    added_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    root_id INTEGER NOT NULL REFERENCES roots(id),
    path TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('indexed', 'failed')),
    error TEXT,
    title TEXT NOT NULL DEFAULT '',
    indexed_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX files_root ON files(root_id);
  CREATE INDEX files_mtime ON files(mtime_ms);

  CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    -- No cascade: deleting a file's chunks must also delete their FTS and vector rows (store.ts).
    file_id INTEGER NOT NULL REFERENCES files(id),
    ordinal INTEGER NOT NULL,
    heading TEXT NOT NULL,
    text TEXT NOT NULL,
    start_line INTEGER,
    end_line INTEGER,
    page INTEGER,
    hash TEXT NOT NULL,
    -- 1 once vec_chunks holds this chunk's vector under the active model.
    has_vector INTEGER NOT NULL DEFAULT 0,
    UNIQUE (file_id, ordinal)
  ) STRICT;
  CREATE INDEX chunks_hash ON chunks(hash);
  CREATE INDEX chunks_file ON chunks(file_id);
  CREATE INDEX chunks_without_vector ON chunks(id) WHERE has_vector = 0;

  -- Contentless: the text lives in chunks; rows are deleted by rowid (= chunks.id).
  CREATE VIRTUAL TABLE chunks_fts USING fts5(
    title, heading, body,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
  );

  CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    dimensions INTEGER NOT NULL
  ) STRICT;

  -- The embedding cache, content-addressed: a text embedded once per model is never embedded again.
  CREATE TABLE embeddings (
    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model_id, hash)
  ) STRICT;
  `,
  `
  -- Which agent read what, and when. Not derived data: a re-index never drops it.
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    client TEXT NOT NULL,
    tool TEXT NOT NULL,
    arguments TEXT NOT NULL,
    paths TEXT NOT NULL,
    error TEXT
  ) STRICT;
  CREATE INDEX audit_at ON audit(at);
  `,
  `
  -- Spreadsheet chunks: the sheet's name; start_line and end_line then hold its row numbers.
  ALTER TABLE chunks ADD COLUMN sheet TEXT;
  `,
  `
  -- Typed tables from statements and spreadsheets: one per CSV/OFX file or workbook sheet.
  CREATE TABLE data_tables (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    name TEXT NOT NULL, -- the sheet; '' for a file holding one table
    header_row INTEGER,
    columns TEXT NOT NULL, -- JSON [{name, type, role?, reading?}]
    row_count INTEGER NOT NULL,
    UNIQUE (file_id, name)
  ) STRICT;

  -- Cells as JSON arrays: dates 'YYYY-MM-DD', amounts and numbers fixed-point integers, text strings.
  CREATE TABLE table_rows (
    table_id INTEGER NOT NULL REFERENCES data_tables(id) ON DELETE CASCADE,
    row INTEGER NOT NULL, -- the row's line or row number in its source, for citations
    cells TEXT NOT NULL,
    PRIMARY KEY (table_id, row)
  ) STRICT, WITHOUT ROWID;

  -- Every statement's transactions in one shape; amounts in fixed-point units (1/10000), signed.
  CREATE TABLE transactions (
    table_id INTEGER NOT NULL REFERENCES data_tables(id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    date TEXT NOT NULL,
    description TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT,
    balance INTEGER,
    PRIMARY KEY (table_id, row)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX transactions_date ON transactions(date);

  -- Tables are read from files indexed before they existed: make those files look changed.
  UPDATE files SET content_hash = '', mtime_ms = -1 WHERE kind IN ('csv', 'tsv', 'xlsx');
  `,
  `
  -- 1 while a model switch still has to embed this chunk with the next model (see model-switch.ts).
  ALTER TABLE chunks ADD COLUMN pending_switch INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX chunks_pending_switch ON chunks(id) WHERE pending_switch = 1;
  `,
  `
  -- What a query that names a file looks up (see name-keys.ts); hearth_name_keys is defined in JS.
  CREATE TABLE file_names (
    name TEXT NOT NULL,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    PRIMARY KEY (name, file_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX file_names_file ON file_names(file_id);
  INSERT OR IGNORE INTO file_names(name, file_id)
    SELECT j.value, f.id FROM files f, json_each(hearth_name_keys(f.path, f.title)) j;
  -- Every search counts the failed files in its scope: only those rows are read.
  CREATE INDEX files_failed ON files(path) WHERE status = 'failed';
  `,
  `
  -- Forgetting leaves no trace. A contentless_delete table only marks deleted rows (their terms stay
  -- in the segments until a merge), so the FTS index is rebuilt as a plain contentless table whose
  -- rows are deleted with their values (store.ts), which secure-delete removes from the segments.
  DROP TABLE chunks_fts;
  CREATE VIRTUAL TABLE chunks_fts USING fts5(
    title, heading, body,
    content = '',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('secure-delete', 1);
  INSERT INTO chunks_fts(rowid, title, heading, body)
    SELECT c.id, f.title, c.heading, c.text FROM chunks c JOIN files f ON f.id = c.file_id;
  -- When no chunk refers to a cached vector any more; purged after privacy.keepDeletedDays.
  ALTER TABLE embeddings ADD COLUMN orphaned_at INTEGER;
  -- The profile whose scope the call ran under (null: everything).
  ALTER TABLE audit ADD COLUMN profile TEXT;
  `,
  // 7 → 8: the actions agents took on the user's files, with what `hearth undo` needs to reverse them.
  `
  CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    client TEXT NOT NULL,
    profile TEXT,
    tool TEXT NOT NULL,
    -- The file written, created, or moved away from.
    path TEXT NOT NULL,
    -- move_file: where it went.
    to_path TEXT,
    -- sha256 of the bytes before (null: the file did not exist) and after.
    before_hash TEXT,
    after_hash TEXT NOT NULL,
    -- The previous version of an edited file (dropped past actions.keepVersions).
    before_bytes BLOB,
    undone_at INTEGER
  );
  CREATE INDEX actions_at ON actions(at);
  `,
  // 8 → 9: an action is journaled before its write and marked done after, so a crash between the
  // two leaves a row to check against the disk, never a change without one.
  `
  ALTER TABLE actions ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
  `,
  // 9 → 10: text recognised by OCR says so, with its mean confidence (0–100), in results and reads.
  `
  ALTER TABLE files ADD COLUMN ocr_confidence INTEGER;
  `,
  // 10 → 11: scans and images recorded as failed before OCR look changed, so they are read again.
  `
  UPDATE files SET content_hash = '', mtime_ms = -1
    WHERE status = 'failed' AND (error LIKE 'no text layer%' OR error LIKE 'images are read by OCR%');
  `,
  // 11 → 12: each chunk of recognised text has its own mean confidence (a scan's pages differ);
  // chunks indexed before keep their file's.
  `
  ALTER TABLE chunks ADD COLUMN ocr_confidence INTEGER;
  `,
  // 12 → 13: chunks recognised before 12 take their file's confidence, so a result reads only its
  // chunk's (a mixed PDF's typed pages are not OCR, and say nothing of it).
  `
  UPDATE chunks SET ocr_confidence = (SELECT f.ocr_confidence FROM files f WHERE f.id = chunks.file_id)
    WHERE ocr_confidence IS NULL;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new HearthError(
      "INDEX_NEWER_SCHEMA",
      `the index was written by a newer Hearth (schema ${current}, this one knows ${SCHEMA_VERSION})`,
      "upgrade Hearth, or delete the index file and re-index",
    );
  }
  if (current === SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock up front, so two processes never migrate at once.
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    for (let v = version; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
