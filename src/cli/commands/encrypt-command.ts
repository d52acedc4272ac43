// `hearth encrypt` and `hearth decrypt`: the index encrypted at rest, or plain again, in place and
// kill-safe (a complete copy is renamed over it), with the daemon stopped.
import { statSync } from "node:fs";
import { resolveHearthPaths } from "../../config/paths.js";
import { HearthError } from "../../errors.js";
import { askPassphrase } from "../ask-passphrase.js";
import type { CliContext } from "../context.js";
import { holdIndex } from "../hold-index.js";

async function modules() {
  const [keys, cipher, { randomBytes }] = await Promise.all([
    import("../../config/index-key.js"),
    import("../../store/cipher.js"),
    import("node:crypto"),
  ]);
  return { ...keys, ...cipher, randomBytes };
}

function indexOf(cli: CliContext): string {
  const { indexFile } = resolveHearthPaths(cli.env);
  try {
    statSync(indexFile);
  } catch {
    throw new HearthError(
      "INDEX_MISSING",
      `no index at ${indexFile}`,
      "run `hearth index DIR` first",
    );
  }
  return indexFile;
}

export async function runEncrypt(cli: CliContext, opts: { passphrase?: boolean }): Promise<void> {
  const m = await modules();
  const file = indexOf(cli);
  if (m.isEncrypted(file))
    throw new HearthError(
      "INDEX_ALREADY_ENCRYPTED",
      `${file} is already encrypted`,
      "to change the key, `hearth decrypt`, then `hearth encrypt` again",
    );
  const writer = holdIndex(
    resolveHearthPaths(cli.env),
    "hearth stop, then encrypt, then hearth start",
  );
  let inKeychain = false;
  try {
    const typed = async () => {
      const passphrase = await askPassphrase(cli.io.stdin, cli.io.stderr, "new passphrase", true);
      return passphrase && { passphrase, source: "the passphrase typed" };
    };
    let key = (await m.findIndexKey(cli.env, file)) ?? (opts.passphrase ? await typed() : null);
    if (!key && !opts.passphrase) {
      // No passphrase given: a random key, kept by the OS keychain (stored before it is needed).
      const passphrase = m.randomBytes(32).toString("hex");
      try {
        await m.storeInKeychain(file, passphrase);
        key = { passphrase, source: "the OS keychain" };
        inKeychain = true;
      } catch (err) {
        key = await typed();
        if (!key) throw err;
      }
    }
    if (!key)
      throw new HearthError(
        "INDEX_KEY_MISSING",
        "no passphrase to encrypt with",
        "set HEARTH_KEY or HEARTH_KEY_FILE, or run it in a terminal to type one",
      );
    m.rewriteIndex(file, null, key);
    cli.io.out(`encrypted ${file}; the key: ${key.source}`);
    cli.io.err(
      inKeychain
        ? "the key is in the OS keychain; Hearth finds it there by itself"
        : "keep the passphrase: Hearth needs it (HEARTH_KEY, HEARTH_KEY_FILE, or typed at `hearth start`) to open the index; lost, the index can only be rebuilt from your files",
    );
  } catch (err) {
    // Only while the index is still plain: once encrypted, that key is the only way in.
    if (inKeychain && !m.isEncrypted(file)) await m.forgetKeychainKey(file);
    throw err;
  } finally {
    writer.release();
  }
}

export async function runDecrypt(cli: CliContext): Promise<void> {
  const m = await modules();
  const file = indexOf(cli);
  if (!m.isEncrypted(file))
    throw new HearthError("INDEX_NOT_ENCRYPTED", `${file} is not encrypted`, "nothing to do");
  const writer = holdIndex(
    resolveHearthPaths(cli.env),
    "hearth stop, then decrypt, then hearth start",
  );
  try {
    let key = await m.findIndexKey(cli.env, file);
    if (!key) {
      const passphrase = await askPassphrase(cli.io.stdin, cli.io.stderr, "passphrase");
      if (passphrase) key = { passphrase, source: "the passphrase typed" };
    }
    if (!key)
      throw new HearthError(
        "INDEX_KEY_MISSING",
        `the index ${file} is encrypted and no key was given`,
        "set HEARTH_KEY or HEARTH_KEY_FILE, or run it in a terminal to type the passphrase",
      );
    m.rewriteIndex(file, key, null);
    await m.forgetKeychainKey(file);
    cli.io.out(`decrypted ${file}: it is a plain SQLite file again`);
  } finally {
    writer.release();
  }
}
