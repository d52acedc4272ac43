// The one decision of what Hearth may index — and so what an agent may read: inside a root, not
// ignored (at any depth), a kind Hearth reads, a regular file, within the size limit.
import { dirname, isAbsolute, relative, sep } from "node:path";
import type { HearthErrorCode } from "../errors.js";
import { indexerFor } from "../indexers/registry.js";
import type { IgnoreRules } from "./ignore-rules.js";

export interface PolicyRoot {
  /** Real path of the root. */
  path: string;
  rules: IgnoreRules;
}

export type Verdict =
  | { indexable: true; root: PolicyRoot }
  | {
      indexable: false;
      code: HearthErrorCode;
      /** The rule in a few words ("hidden file", "no indexer for this kind of file"). */
      rule: string;
      /** The whole sentence, naming the path. */
      reason: string;
      fix: string;
    };

/** What `check` needs of a file's stat; absent when only the path's rules are asked about. */
export interface StatLike {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  size: number;
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel));
}

/** What a non-regular file is, in words. */
export function describeNonFile(stat: StatLike): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  return "not a regular file (a device or socket)";
}

export class IndexPolicy {
  constructor(
    private readonly roots: () => readonly PolicyRoot[],
    readonly maxFileBytes: number,
  ) {}

  /** The innermost root holding `path` (the memory folder may lie inside another root). */
  rootOf(path: string): PolicyRoot | null {
    let best: PolicyRoot | null = null;
    for (const root of this.roots())
      if (isInside(path, root.path) && (!best || root.path.length > best.path.length)) best = root;
    return best;
  }

  rootPaths(): string[] {
    return this.roots().map((r) => r.path);
  }

  /**
   * Whether a real (symlink-free) path may be indexed and read. Every folder between the root and
   * the file is checked too: a file inside an ignored folder (.git/, node_modules/, a .gitignored
   * folder) is ignored, as the walk that indexes would never reach it.
   */
  check(path: string, stat?: StatLike): Verdict {
    const ruled = this.byRules(path, stat?.isDirectory() ?? false);
    if (!ruled.indexable) return ruled;
    if (stat && !stat.isFile())
      return {
        indexable: false,
        code: "PATH_NOT_FILE",
        rule: describeNonFile(stat),
        reason: `${path} is ${describeNonFile(stat)}, not a file`,
        fix: "send the path of a file (search, recent and list_sources give them)",
      };
    if (!indexerFor(path))
      return {
        indexable: false,
        code: "FILE_KIND_UNSUPPORTED",
        rule: "no indexer for this kind of file",
        reason: `${path} is not indexed: Hearth has no indexer for this kind of file`,
        fix: "Hearth reads text, markdown, code, PDF, DOCX, HTML, CSV/TSV, XLSX, OFX and email",
      };
    if (stat && stat.size > this.maxFileBytes)
      return {
        indexable: false,
        code: "FILE_TOO_LARGE",
        rule: `over index.maxFileBytes (${this.maxFileBytes})`,
        reason: `${path} is ${stat.size} bytes, over the index.maxFileBytes limit of ${this.maxFileBytes}`,
        fix: "raise index.maxFileBytes in the config to index and read it",
      };
    return ruled;
  }

  /** Whether the walk that indexes goes into this folder. */
  walksFolder(dir: string): boolean {
    return this.byRules(dir, true).indexable;
  }

  /** The root, then every folder from the root down, then the path itself, against the ignore rules. */
  private byRules(path: string, isDir: boolean): Verdict {
    const root = this.rootOf(path);
    if (!root) {
      const roots = this.rootPaths();
      return {
        indexable: false,
        code: "PATH_OUTSIDE_ROOTS",
        rule: "outside the folders Hearth indexes",
        reason: `${path} is outside the folders Hearth indexes`,
        fix:
          roots.length > 0
            ? `only paths under ${roots.join(", ")} can be read; \`hearth add\` another folder to index it`
            : "`hearth add DIR` to index a folder",
      };
    }
    const folders: string[] = [];
    for (let dir = dirname(path); dir !== root.path && isInside(dir, root.path); dir = dirname(dir))
      folders.unshift(dir);
    for (const dir of folders) {
      const why = root.rules.explain(dir, true);
      if (why)
        return {
          indexable: false,
          code: "PATH_NOT_INDEXABLE",
          rule: `inside ${dir}, which is skipped: ${why.reason}`,
          reason: `${path} is not indexed: it is inside ${dir}, which is skipped (${why.reason})`,
          fix: why.fix,
        };
    }
    const why = root.rules.explain(path, isDir);
    if (why)
      return {
        indexable: false,
        code: "PATH_NOT_INDEXABLE",
        rule: why.reason,
        reason: `${path} is not indexed: ${why.reason}`,
        fix: why.fix,
      };
    return { indexable: true, root };
  }
}
