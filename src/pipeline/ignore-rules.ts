// What is never indexed: build and cache folders, secrets, .gitignore/.hearthignore at any depth, config excludes.
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

const SKIPPED_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  "__pycache__",
  ".venv",
  "venv",
  ".cache",
  ".next",
  ".nuxt",
  "dist",
  "build",
  "target",
  ".gradle",
  ".idea",
  ".vscode",
  ".trash",
  ".Trash",
]);

/** Files that hold secrets. Overridable with index.indexSecrets, for those who really want them. */
export const SECRET_PATTERNS = [
  ".env",
  ".env.*",
  "*.env",
  "*.pem",
  "*.key",
  "*.p12",
  "*.pfx",
  "*.kdbx",
  "*.keychain",
  "*.keychain-db",
  "id_rsa*",
  "id_dsa*",
  "id_ecdsa*",
  "id_ed25519*",
  "credentials",
  "credentials.*",
  ".netrc",
  ".npmrc",
  ".pypirc",
  ".pgpass",
  ".htpasswd",
  "*.secret",
  "secrets.*",
];

const IGNORE_FILES = [".gitignore", ".hearthignore"];

export interface IgnoreOptions {
  exclude: readonly string[];
  indexSecrets: boolean;
}

export class IgnoreRules {
  private readonly base: Ignore;
  /** Per folder: the matcher built from its own ignore files, or null when it has none. */
  private readonly perDir = new Map<string, Ignore | null>();

  constructor(
    readonly root: string,
    options: IgnoreOptions,
  ) {
    this.base = ignore().add([
      ...options.exclude,
      ...(options.indexSecrets ? [] : SECRET_PATTERNS),
    ]);
  }

  static isIgnoreFile(path: string): boolean {
    return IGNORE_FILES.includes(basename(path));
  }

  /** Forget cached ignore files (after one changed). */
  reset(): void {
    this.perDir.clear();
  }

  isIgnored(path: string, isDir: boolean): boolean {
    const rel = relative(this.root, path);
    if (rel === "") return false;
    if (rel.startsWith("..")) return true; // outside the root: never ours
    const name = basename(path);
    if (isDir && (SKIPPED_DIRS.has(name) || name.startsWith("."))) return true;
    // Hidden files (editor swap files, OS metadata) are not notes; ignore files are watched, not indexed.
    if (!isDir && name.startsWith(".") && !IgnoreRules.isIgnoreFile(path)) return true;
    const relPosix = rel.split(sep).join("/") + (isDir ? "/" : "");
    if (this.base.ignores(relPosix)) return true;
    // Each ancestor folder's ignore files apply to paths relative to that folder.
    let dir = dirname(path);
    for (;;) {
      const rules = this.rulesOf(dir);
      if (rules) {
        const fromDir = relative(dir, path).split(sep).join("/") + (isDir ? "/" : "");
        if (rules.ignores(fromDir)) return true;
      }
      if (dir === this.root || !dir.startsWith(this.root)) return false;
      dir = dirname(dir);
    }
  }

  private rulesOf(dir: string): Ignore | null {
    if (this.perDir.has(dir)) return this.perDir.get(dir)!;
    let rules: Ignore | null = null;
    for (const file of IGNORE_FILES) {
      try {
        const text = readFileSync(join(dir, file), "utf8");
        rules = (rules ?? ignore()).add(text);
      } catch {
        // no such file: nothing to add
      }
    }
    this.perDir.set(dir, rules);
    return rules;
  }
}
