// status: what is indexed, what failed, the model and fingerprints, and what the daemon is doing.
import { statSync } from "node:fs";
import { z } from "zod";
import { chunkerSignature } from "../../chunk/chunker.js";
import { resolveModel } from "../../embed/resolve-model.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
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
  dbBytes: number;
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
  daemon: DaemonStatus | null;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function status(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): { result: StatusResult; paths: string[] } {
  ctx.parse(statusInput, raw, "status");
  const { store, paths, config } = ctx;
  const within = ctx.visibleRoots(caller);
  const counts = store.counts();
  const roots = store.catalog.sources(within).map((s) => ({ path: s.path, files: s.files }));
  const model = resolveModel(config.embedding.model, paths.modelsDir);
  const active = store.vectors.activeModel();
  const tables = store.tables.list(1, 0, within);
  const activity = ctx.runtime.activity();
  const result: StatusResult = {
    home: paths.dataDir,
    index: paths.indexFile,
    dbBytes: fileSize(paths.indexFile) + fileSize(paths.indexFile + "-wal"),
    roots,
    files: counts.files,
    failed: counts.failed,
    chunks: counts.chunks,
    vectors: counts.vectors,
    chunksWithoutVectors: store.vectors.countChunksWithoutVectors(),
    model:
      model.kind === "file"
        ? { path: model.path }
        : { path: null, note: `${model.reason}; ${model.hint}` },
    fingerprint: {
      chunker: store.getMeta("chunker") ?? chunkerSignature(config.chunking),
      vectors: active ? { model: active.fingerprint, dimensions: active.dimensions } : null,
    },
    tables: { tables: tables.total, transactions: tables.transactions.count },
    failures: store.listFailures(50).map((f) => ({ path: f.path, error: f.error })),
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
