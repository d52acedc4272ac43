// Opens the index SQLite file with sqlite-vec loaded, WAL on, and the schema migrated.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import * as sqliteVec from "sqlite-vec";
import { HearthError } from "../errors.js";
import { SCHEMA_VERSION, migrate } from "./migrations.js";
import { nameKeys } from "./name-keys.js";

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  if (options.readonly) {
    if (!existsSync(file)) {
      throw new HearthError("INDEX_MISSING", `no index at ${file}`, "run `hearth index DIR` first");
    }
    let db = new Database(file, { readonly: true, fileMustExist: true });
    if ((db.pragma("user_version", { simple: true }) as number) < SCHEMA_VERSION) {
      // Written by an older Hearth: bring the schema up to date once, so readers find what they query.
      db.close();
      openDatabase(file).close();
      db = new Database(file, { readonly: true, fileMustExist: true });
    }
    sqliteVec.load(db);
    db.pragma("busy_timeout = 5000");
    return db;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const created = !existsSync(file);
  const db = new Database(file);
  if (created) chmodSync(file, 0o600); // personal data: owner only
  sqliteVec.load(db);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // Deleted text is overwritten with zeros, not left in free pages for a byte scan to find.
  db.pragma("secure_delete = ON");
  db.function("hearth_name_keys", { deterministic: true }, (path: string, title: string | null) =>
    JSON.stringify(nameKeys(path, title ?? "")),
  );
  migrate(db);
  return db;
}
