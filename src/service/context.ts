// What every operation works with: the index, the searcher, the extractor, the runtime's roots and
// rules — and the one place where a caller's path is confined and checked.
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import type { z } from "zod";
import type { HearthPaths } from "../config/paths.js";
import type { Config } from "../config/schema.js";
import type { ModelInUse } from "../embed/model-in-use.js";
import { HearthError } from "../errors.js";
import type { Extractor } from "../indexers/extractor.js";
import { isInside, type Verdict } from "../pipeline/index-policy.js";
import { type FileBytes, readRegularFile } from "../pipeline/read-file.js";
import type { Searcher } from "../search/search.js";
import type { Store } from "../store/store.js";
import type { Caller } from "./caller.js";
import { parseInput } from "./parse-input.js";
import type { IndexRuntime } from "./runtime.js";
import { type Scope, Scopes } from "./scope.js";
import { KeyedQueue } from "./keyed-queue.js";
import { CONFIRMATION_TTL_MS, SpentConfirmations } from "./spent-confirmations.js";
import { TextCache } from "./text-cache.js";

const READ_TEXT_CACHE_CHARS = 16_000_000;

export interface ServiceDeps {
  paths: HearthPaths;
  config: Config;
  store: Store;
  model: ModelInUse;
  searcher: Searcher;
  extractor: Extractor;
  runtime: IndexRuntime;
}

export class ServiceContext {
  readonly paths: HearthPaths;
  readonly config: Config;
  readonly store: Store;
  readonly model: ModelInUse;
  readonly searcher: Searcher;
  readonly extractor: Extractor;
  readonly runtime: IndexRuntime;
  readonly scopes: Scopes;
  /** Writes to one place (the memory folder, the user's files) one at a time. */
  readonly writes = new KeyedQueue();
  /** Text extracted for `read`, by content hash (a scan is OCR'd once, not once per page read). */
  readonly readTexts = new TextCache(READ_TEXT_CACHE_CHARS);
  /** The user's confirmations already acted on. */
  readonly confirmations = new SpentConfirmations(CONFIRMATION_TTL_MS);

  constructor(deps: ServiceDeps) {
    this.paths = deps.paths;
    this.config = deps.config;
    this.store = deps.store;
    this.model = deps.model;
    this.searcher = deps.searcher;
    this.extractor = deps.extractor;
    this.runtime = deps.runtime;
    this.scopes = new Scopes(deps.config.profiles, deps.config.actions);
  }

  parse<S extends z.ZodType>(schema: S, raw: unknown, op: string): z.output<S> {
    return parseInput(schema, raw, op);
  }

  /** What this caller may see and do. */
  scope(caller: Caller): Scope {
    return this.scopes.of(
      caller.profile,
      this.runtime.policy.rootPaths(),
      this.runtime.memoryDir(),
    );
  }

  /** The roots (real paths) this caller may see. */
  visibleRoots(caller: Caller): string[] {
    return this.scope(caller).roots;
  }

  /**
   * The real path of `path` if it lies inside a root the caller may see (symlinks resolved), else a
   * refusal that says what to send. A relative path is taken from the only root, when there is one.
   * Under a profile, a path outside it and a path that does not exist get the same answer, decided
   * before the disk is touched where the path alone shows it: a profile learns nothing of the rest.
   */
  async confine(caller: Caller, path: string): Promise<string> {
    const roots = this.visibleRoots(caller);
    const absolute = resolve(roots.length === 1 && !isAbsolute(path) ? roots[0]! : "/", path);
    const inside = (p: string) => roots.some((root) => isInside(p, root));
    if (caller.profile !== null) {
      const unseen = new HearthError(
        "PATH_NOT_VISIBLE",
        `${path} is not a file profile ${caller.profile} can see`,
        "send a path from search, recent or list_sources results",
      );
      if (!inside(absolute)) throw unseen;
      const real = await realpath(absolute).catch(() => null);
      if (real === null || !inside(real)) throw unseen;
      return real;
    }
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      throw new HearthError(
        "PATH_NOT_FOUND",
        `${path} does not exist`,
        "send a path from search, recent or list_sources results",
      );
    }
    if (!inside(real)) {
      throw new HearthError(
        "PATH_OUTSIDE_ROOTS",
        `${path} is outside the folders Hearth indexes`,
        roots.length > 0
          ? `only paths under ${roots.join(", ")} can be read`
          : "no folder is indexed yet: `hearth add DIR`",
      );
    }
    return real;
  }

  /** Refuses what the indexer would not index, naming the rule and how to change it. */
  refuseUnless(verdict: Verdict): void {
    if (!verdict.indexable) throw new HearthError(verdict.code, verdict.reason, verdict.fix);
  }

  /**
   * Reads a file an agent asked for, exactly as the indexer would read it — or refuses. The file
   * that was opened is checked, not only the path: after reading, the path must still resolve,
   * without any link, to the very file read, so swapping a folder for a symlink mid-read leaks
   * nothing.
   */
  async readVisibleFile(
    caller: Caller,
    path: string,
    signal?: AbortSignal,
  ): Promise<FileBytes & { path: string }> {
    const real = await this.confine(caller, path);
    const info = await stat(real).catch(() => null);
    if (!info) throw new HearthError("PATH_NOT_FOUND", `${path} does not exist`);
    this.refuseUnless(this.runtime.policy.check(real, info));
    const read = await readRegularFile(real, this.runtime.policy.maxFileBytes, signal);
    // Where the system can say which file the descriptor is, it must be this path. Everywhere the
    // path must still resolve, link-free, to the very file read — checked before and after the
    // stat, so a folder swapped for a link and back between two calls does not pass.
    const now = await realpath(real).catch(() => null);
    const same = now === real ? await stat(real).catch(() => null) : null;
    const after = same ? await realpath(real).catch(() => null) : null;
    if (
      (read.openedAt !== null && read.openedAt !== real) ||
      !same ||
      after !== real ||
      same.ino !== read.stat.ino ||
      same.dev !== read.stat.dev
    ) {
      throw new HearthError(
        "FILE_CHANGED",
        `${path} changed while it was being read`,
        "read it again",
      );
    }
    return { ...read, path: real };
  }
}
