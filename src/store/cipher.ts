// Encryption at rest: the index in SQLCipher 4's format (AES-256, HMAC-SHA512 per page, PBKDF2-
// SHA512 with 256,000 iterations from the passphrase) through SQLite3 Multiple Ciphers, the WAL
// included. Encrypting and decrypting write a complete copy beside the index and rename it over
// the original, so a kill at any moment leaves the old index or the new one, never half of each.
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3-multiple-ciphers";
import { HearthError } from "../errors.js";

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** The passphrase the index is encrypted with. */
export interface IndexKey {
  passphrase: string;
  /** Where it came from, for messages: "HEARTH_KEY", "the OS keychain", a key file's path. */
  source: string;
}

/** True when `file` exists and is not a plain SQLite database (so it needs a key). */
export function isEncrypted(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    return read > 0 && !head.subarray(0, read).equals(SQLITE_MAGIC.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Unlocks an encrypted database on a fresh connection, before anything else reads it; a wrong key
 * is a clear error and nothing is written.
 */
export function unlock(db: Database.Database, file: string, key: IndexKey): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma("legacy = 4");
  db.pragma(`key = ${quoted(key.passphrase)}`);
  try {
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch {
    db.close();
    throw new HearthError(
      "INDEX_KEY_WRONG",
      `the key from ${key.source} does not open the encrypted index ${file}`,
      "give the passphrase the index was encrypted with (HEARTH_KEY, HEARTH_KEY_FILE, or the keychain entry `hearth encrypt` made); nothing was changed",
    );
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Rewrites `file` with a new key (`to`: null writes it plain): a complete copy, made, re-keyed and
 * synced beside the index, then renamed over it. The caller holds the index's lock.
 */
export function rewriteIndex(file: string, from: IndexKey | null, to: IndexKey | null): void {
  const temp = `${file}.rekey-tmp`;
  // Left by a run that was killed: a partial copy, never the index itself.
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(temp + suffix, { force: true });
  const source = new Database(file);
  // The copy (plain text until it is rekeyed) is owner-only from its first byte.
  const umask = process.umask(0o077);
  try {
    if (from) unlock(source, file, from);
    // The copy must hold everything, and the index must have no WAL left beside it afterwards:
    // a WAL outliving the file it belongs to would be replayed onto the new one.
    source.pragma("wal_checkpoint(TRUNCATE)");
    source.exec(`VACUUM INTO ${quoted(temp)}`);
  } finally {
    if (source.open) source.close();
    process.umask(umask);
  }
  const copy = new Database(temp);
  try {
    if (from) unlock(copy, temp, from); // VACUUM INTO keeps the source's key
    copy.pragma("journal_mode = DELETE"); // rekeying is refused in WAL mode
    copy.pragma("cipher = 'sqlcipher'");
    copy.pragma("legacy = 4");
    copy.pragma(`rekey = ${quoted(to?.passphrase ?? "")}`);
    copy.pragma("journal_mode = WAL");
  } finally {
    copy.close();
  }
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
    rmSync(temp, { force: true });
    throw new HearthError(
      "DAEMON_RUNNING",
      `another process has ${file} open`,
      "close it (hearth stop), then run this again; the index was not changed",
    );
  }
  for (const leftover of [`${file}-wal`, `${file}-shm`]) rmSync(leftover, { force: true });
  chmodSync(temp, 0o600); // personal data: owner only, as the index it replaces
  syncFile(temp);
  renameSync(temp, file);
  try {
    syncFile(dirname(file)); // the rename made durable; some systems cannot sync a folder
  } catch {
    // the rename is done either way
  }
}
