// status: what is indexed, what failed, the model and fingerprints, and what the daemon is doing.
import { statSync } from "node:fs";
import { z } from "zod";
import { chunkerSignature } from "../../chunk/chunker.js";
import { resolveModel } from "../../embed/resolve-model.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { isInside } from "../../pipeline/index-policy.js";
import type { RuntimeActivity } from "../runtime.js";

export const statusInput = z.object({}).strict();

/** The daemon's part of the status: its activity with the index's counts. */
export interface DaemonStatus extends RuntimeActivity {
  roots: { path: string; files: number }[];
  files: number;
  failed: number;
  chunks: number;
  vectors: number;
}

export interface StatusResult {
  home: string;
  index: string;
  /** The index's size on disk; null under a profile (it would tell of files outside it). */
  dbBytes: number | null;
  roots: { path: string; files: number }[];
  files: number;
  failed: number;
  chunks: number;
  vectors: number;
  chunksWithoutVectors: number;
  model: { path: string } | { path: null; note: string };
  fingerprint: {
    chunker: string;
    vectors: { model: string; dimensions: number } | null;
  };
  tables: { tables: number; transactions: number };
  failures: { path: string; error: string | null }[];
  /** Indexed, but not all of it: what was left unread (scanned pages while OCR is off). */
  readInPart: { path: string; unread: string }[];
  daemon: DaemonStatus | null;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The daemon's activity as a profile may see it: its own files' work and errors only, and no
 * figure that counts files outside it.
 */
function scopedActivity(
  ctx: ServiceContext,
  activity: RuntimeActivity,
  roots: readonly string[],
): RuntimeActivity {
  const mine = (path: string) => roots.some((root) => isInside(path, root));
  const active = activity.queue.active.filter(mine);
  const waiting = Math.max(0, ctx.runtime.pendingCount(mine) - active.length);
  return {
    ...activity,
    activity: active.length > 0 ? `indexing ${active[0]}` : waiting > 0 ? "indexing" : "idle",
    queue: { pending: waiting, active, slowPending: 0, done: 0, ratePerSec: 0, etaSeconds: null },
    writeBlocked: activity.writeBlocked && {
      ...activity.writeBlocked,
      waiting,
      message: "the disk is full: indexing waits until space is freed",
    },
    recentErrors: activity.recentErrors.filter((e) => mine(e.path)),
    unreadable: activity.unreadable.filter((u) => mine(u.path)),
    watchedFolders: 0,
  };
}

export function status(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): { result: StatusResult; paths: string[] } {
  ctx.parse(statusInput, raw, "status");
  const { store, paths, config } = ctx;
  const within = ctx.visibleRoots(caller);
  const scoped = caller.profile !== null;
  const counts = scoped ? ctx.store.catalog.countsWithin(within) : store.counts();
  const roots = store.catalog.sources(within).map((s) => ({ path: s.path, files: s.files }));
  const model = resolveModel(config.embedding.model, paths.modelsDir);
  const active = store.vectors.activeModel();
  const tables = ctx.scope(caller).tables
    ? store.tables.list(1, 0, within)
    : { total: 0, transactions: { count: 0 } };
  const runtimeActivity = ctx.runtime.activity();
  const activity =
    runtimeActivity && scoped ? scopedActivity(ctx, runtimeActivity, within) : runtimeActivity;
  const result: StatusResult = {
    home: paths.dataDir,
    index: paths.indexFile,
    dbBytes: scoped ? null : fileSize(paths.indexFile) + fileSize(paths.indexFile + "-wal"),
    roots,
    files: counts.files,
    failed: counts.failed,
    chunks: counts.chunks,
    vectors: counts.vectors,
    chunksWithoutVectors: scoped
      ? counts.chunks - counts.vectors
      : store.vectors.countChunksWithoutVectors(),
    model:
      model.kind === "file"
        ? { path: model.path }
        : { path: null, note: `${model.reason}; ${model.hint}` },
    fingerprint: {
      chunker: store.getMeta("chunker") ?? chunkerSignature(config.chunking),
      vectors: active ? { model: active.fingerprint, dimensions: active.dimensions } : null,
    },
    tables: { tables: tables.total, transactions: tables.transactions.count },
    failures: scoped
      ? store.catalog.failuresWithin(within, 50)
      : store.listFailures(50).map((f) => ({ path: f.path, error: f.error })),
    readInPart: store.catalog.readInPart(scoped ? within : null, 50),
    daemon: activity && {
      ...activity,
      roots,
      files: counts.files,
      failed: counts.failed,
      chunks: counts.chunks,
      vectors: counts.vectors,
    },
  };
  return { result, paths: [] };
}
