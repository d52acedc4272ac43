// What is never indexed: build and cache folders, secrets, .gitignore/.hearthignore at any depth,
// config excludes, and Hearth's own data folder. An ignore file that cannot be read fails closed.
import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
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
  /** Folders never indexed wherever they are (Hearth's data folder, but for its memory folder). */
  private?: readonly { dir: string; except?: string }[];
}

/** Why a path is not indexed, and what would change that. */
export interface IgnoreReason {
  reason: string;
  fix: string;
}

/** Every rule that leaves files out, as the user would read them (the page's Status lists them). */
export interface IgnoreRuleList {
  /** Folders skipped wherever they are. */
  folders: string[];
  /** Secret files skipped wherever they are; null when index.indexSecrets lets them in. */
  secrets: string[] | null;
  /** Ignore files honoured at any depth. */
  ignoreFiles: string[];
  /** The config's own patterns (index.exclude). */
  exclude: string[];
}

export function ignoreRuleList(options: IgnoreOptions): IgnoreRuleList {
  return {
    folders: [...SKIPPED_DIRS].sort(),
    secrets: options.indexSecrets ? null : [...SECRET_PATTERNS],
    ignoreFiles: [...IGNORE_FILES],
    exclude: [...options.exclude],
  };
}

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel));
}

export class IgnoreRules {
  private readonly base: Ignore;
  private readonly secrets: Ignore;
  /** Per folder: the matcher from its own ignore files, null when it has none, or why it cannot be read. */
  private readonly perDir = new Map<string, Ignore | null | { unreadable: string }>();

  constructor(
    readonly root: string,
    private readonly options: IgnoreOptions,
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
    return this.explain(path, isDir) !== null;
  }

  /** Why a path is not indexed, in words, or null when it is not ignored. */
  whyIgnored(path: string, isDir: boolean): string | null {
    return this.explain(path, isDir)?.reason ?? null;
  }

  /** Why a path is not indexed and how to change it, or null when it is not ignored. */
  explain(path: string, isDir: boolean): IgnoreReason | null {
    const rel = relative(this.root, path);
    if (rel === "") return null;
    if (rel.startsWith("..") || isAbsolute(rel))
      return { reason: `outside the root ${this.root}`, fix: "`hearth add` its folder" };
    for (const own of this.options.private ?? []) {
      if (inside(path, own.dir) && !(own.except && inside(path, own.except))) {
        return {
          reason: "Hearth's own data folder (index, logs, token) is never indexed or served",
          fix: "keep your files outside it",
        };
      }
    }
    const name = basename(path);
    if (isDir && SKIPPED_DIRS.has(name))
      return {
        reason: `${name}/ is a build, cache or tool folder`,
        fix: "such folders are never indexed",
      };
    if (isDir && name.startsWith("."))
      return { reason: "hidden folder", fix: "hidden folders are never indexed; rename it" };
    // Hidden files (editor swap files, OS metadata) are not notes; ignore files are watched, not indexed.
    if (!isDir && name.startsWith(".") && !IgnoreRules.isIgnoreFile(path))
      return { reason: "hidden file", fix: "hidden files are never indexed; rename it" };
    const relPosix = rel.split(sep).join("/") + (isDir ? "/" : "");
    if (this.base.ignores(relPosix)) {
      return this.secrets.ignores(relPosix)
        ? {
            reason:
              "looks like a secret (keys, .env, credentials); set index.indexSecrets to index it",
            fix: "set index.indexSecrets to true in the config, if you really want secrets indexed",
          }
        : {
            reason: "matched by index.exclude in the config",
            fix: "remove the pattern from index.exclude",
          };
    }
    // Each ancestor folder's ignore files apply to paths relative to that folder.
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const rules = this.rulesOf(dir);
      if (rules && "unreadable" in rules) {
        return {
          reason: `cannot read the ignore file in ${dir} (${rules.unreadable}): the folder is skipped until it can be read`,
          fix: `make ${dir}/.gitignore and .hearthignore readable`,
        };
      }
      if (rules) {
        const fromDir = relative(dir, path).split(sep).join("/") + (isDir ? "/" : "");
        if (rules.ignores(fromDir))
          return {
            reason: `matched by .gitignore or .hearthignore in ${dir}`,
            fix: `edit the ignore files in ${dir}`,
          };
      }
      if (dir === this.root || !dir.startsWith(this.root)) return null;
    }
  }

  private rulesOf(dir: string): Ignore | null | { unreadable: string } {
    const known = this.perDir.get(dir);
    if (known !== undefined) return known;
    let rules: Ignore | null | { unreadable: string } = null;
    for (const file of IGNORE_FILES) {
      try {
        const text = readFileSync(join(dir, file), "utf8");
        rules = (rules ?? ignore()).add(text);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "error";
        // No such file: nothing to add. Any other failure hides rules we cannot see: fail closed.
        if (code !== "ENOENT" && code !== "ENOTDIR") {
          rules = { unreadable: code };
          break;
        }
      }
    }
    this.perDir.set(dir, rules);
    return rules;
  }
}
