// Opens the index SQLite file with sqlite-vec loaded, WAL on, and the schema migrated.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3-multiple-ciphers";
import * as sqliteVec from "sqlite-vec";
import { HearthError } from "../errors.js";
import { type IndexKey, isEncrypted, unlock } from "./cipher.js";
import { SCHEMA_VERSION, migrate } from "./migrations.js";
import { nameKeys } from "./name-keys.js";

export interface OpenOptions {
  readonly?: boolean;
  /** The passphrase of an encrypted index (ignored for a plain one). */
  key?: IndexKey | null;
}

/** A connection with the key applied when the index is encrypted. */
function connect(file: string, options: OpenOptions): Database.Database {
  const fresh = !existsSync(file);
  const db = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
  // A new index is encrypted from its first page when it comes with a key; an existing one when it is.
  if (fresh ? !options.key : !isEncrypted(file)) return db;
  if (!options.key) {
    db.close();
    throw new HearthError(
      "INDEX_KEY_MISSING",
      `the index ${file} is encrypted and no key was given`,
      "set HEARTH_KEY (the passphrase) or HEARTH_KEY_FILE (a 0600 file holding it), or run `hearth start` in a terminal to type it; a key `hearth encrypt` put in the OS keychain is found by itself",
    );
  }
  unlock(db, file, options.key);
  return db;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  if (options.readonly) {
    if (!existsSync(file)) {
      throw new HearthError("INDEX_MISSING", `no index at ${file}`, "run `hearth index DIR` first");
    }
    let db = connect(file, options);
    if ((db.pragma("user_version", { simple: true }) as number) < SCHEMA_VERSION) {
      // Written by an older Hearth: bring the schema up to date once, so readers find what they query.
      db.close();
      openDatabase(file, { key: options.key ?? null }).close();
      db = connect(file, options);
    }
    sqliteVec.load(db);
    db.pragma("busy_timeout = 5000");
    return db;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const created = !existsSync(file);
  const db = connect(file, options);
  if (created) chmodSync(file, 0o600); // personal data: owner only
  sqliteVec.load(db);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // Deleted text is overwritten with zeros, not left in free pages for a byte scan to find.
  db.pragma("secure_delete = ON");
  db.function("hearth_name_keys", { deterministic: true }, (path: unknown, title: unknown) =>
    JSON.stringify(nameKeys(String(path), typeof title === "string" ? title : "")),
  );
  migrate(db);
  return db;
}
