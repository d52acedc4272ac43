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
  private readonly secrets: Ignore;
  /** Per folder: the matcher built from its own ignore files, or null when it has none. */
  private readonly perDir = new Map<string, Ignore | null>();

  constructor(
    readonly root: string,
    options: IgnoreOptions,
  ) {
    this.secrets = ignore().add(options.indexSecrets ? [] : SECRET_PATTERNS);
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
    return this.whyIgnored(path, isDir) !== null;
  }

  /** Why a path is not indexed, in words, or null when it is not ignored. */
  whyIgnored(path: string, isDir: boolean): string | null {
    const rel = relative(this.root, path);
    if (rel === "") return null;
    if (rel.startsWith("..")) return `outside the root ${this.root}`;
    const name = basename(path);
    if (isDir && SKIPPED_DIRS.has(name)) return `${name}/ is a build, cache or tool folder`;
    if (isDir && name.startsWith(".")) return "hidden folder";
    // Hidden files (editor swap files, OS metadata) are not notes; ignore files are watched, not indexed.
    if (!isDir && name.startsWith(".") && !IgnoreRules.isIgnoreFile(path)) return "hidden file";
    const relPosix = rel.split(sep).join("/") + (isDir ? "/" : "");
    if (this.base.ignores(relPosix)) {
      return this.secrets.ignores(relPosix)
        ? "looks like a secret (keys, .env, credentials); set index.indexSecrets to index it"
        : "matched by index.exclude in the config";
    }
    // Each ancestor folder's ignore files apply to paths relative to that folder.
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const rules = this.rulesOf(dir);
      if (rules) {
        const fromDir = relative(dir, path).split(sep).join("/") + (isDir ? "/" : "");
        if (rules.ignores(fromDir)) return `matched by .gitignore or .hearthignore in ${dir}`;
      }
      if (dir === this.root || !dir.startsWith(this.root)) return null;
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
