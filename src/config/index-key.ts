// Where the index's passphrase comes from, in order: HEARTH_KEY, HEARTH_KEY_FILE (owner-only), the
// OS keychain (macOS Keychain, Secret Service, Windows Credential Manager) where `hearth encrypt`
// put one. A terminal prompt is the CLI's (ask-passphrase.ts); a service uses one of these.
import { existsSync, readFileSync, statSync } from "node:fs";
import type { Entry } from "@napi-rs/keyring";
import { HearthError, errorMessage } from "../errors.js";
import { type IndexKey, isEncrypted } from "../store/cipher.js";

const SERVICE = "hearth";

function fromFile(path: string): IndexKey {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (err) {
    throw new HearthError(
      "KEY_FILE_UNSAFE",
      `cannot read the key file ${path}: ${errorMessage(err)}`,
    );
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new HearthError(
      "KEY_FILE_UNSAFE",
      `the key file ${path} can be read by others (mode ${(mode & 0o777).toString(8)})`,
      `chmod 600 ${path}`,
    );
  }
  const passphrase = readFileSync(path, "utf8").replace(/\r?\n$/, "");
  if (passphrase === "") throw new HearthError("KEY_FILE_UNSAFE", `the key file ${path} is empty`);
  // A passphrase is text: binary bytes would decode lossily and weaken it, a NUL would cut it.
  if (passphrase.includes("\uFFFD") || passphrase.includes("\0")) {
    throw new HearthError(
      "KEY_FILE_UNSAFE",
      `the key file ${path} is not text (a passphrase, UTF-8, one line)`,
      "write a passphrase into it, e.g. `openssl rand -hex 32 > FILE`",
    );
  }
  return { passphrase, source: path };
}

/** The keychain's entry for this index, or null when there is no keychain library to ask. */
async function keychainEntry(indexFile: string): Promise<Entry | null> {
  try {
    const keyring = await import("@napi-rs/keyring");
    // On Linux, the Secret Service only: the kernel keyring it would fall back to forgets
    // everything at reboot, and with it the only key to the index.
    return new keyring.Entry(SERVICE, indexFile, { linux: { store: "secret-service" } });
  } catch {
    return null;
  }
}

export async function findIndexKey(
  env: NodeJS.ProcessEnv,
  indexFile: string,
): Promise<IndexKey | null> {
  if (env.HEARTH_KEY) return { passphrase: env.HEARTH_KEY, source: "HEARTH_KEY" };
  if (env.HEARTH_KEY_FILE) return fromFile(env.HEARTH_KEY_FILE);
  try {
    const passphrase = (await keychainEntry(indexFile))?.getPassword() ?? null;
    return passphrase ? { passphrase, source: "the OS keychain" } : null;
  } catch {
    return null; // no keychain here (a server, a container): the other sources remain
  }
}

/**
 * The key an index needs: none for a plain one; the given one, else the first source that has
 * one. An index not made yet is made encrypted when a key is at hand (a rebuilt index stays so).
 */
export async function keyForIndex(
  indexFile: string,
  env: NodeJS.ProcessEnv,
  given?: IndexKey,
): Promise<IndexKey | null> {
  if (existsSync(indexFile) && !isEncrypted(indexFile)) return null;
  return given ?? (await findIndexKey(env, indexFile));
}

/** Keeps a passphrase in the OS keychain for this index; refuses where there is none. */
export async function storeInKeychain(indexFile: string, passphrase: string): Promise<void> {
  try {
    const entry = await keychainEntry(indexFile);
    if (!entry) throw new Error("no keychain library for this platform");
    entry.setPassword(passphrase);
  } catch (err) {
    throw new HearthError(
      "KEYCHAIN_UNAVAILABLE",
      `there is no OS keychain to keep the key in (${errorMessage(err)})`,
      "give a passphrase instead: HEARTH_KEY=… hearth encrypt, HEARTH_KEY_FILE=FILE, or run it in a terminal to type one",
    );
  }
}

/** Removes this index's keychain entry, if any (after `hearth decrypt`). */
export async function forgetKeychainKey(indexFile: string): Promise<void> {
  try {
    (await keychainEntry(indexFile))?.deletePassword();
  } catch {
    // nothing stored, or no keychain
  }
}
