// One-shot indexing of a root folder: scan, plan, apply file by file, then embed any chunk still missing a vector.
import type { FileOutcome, IndexDeps } from "./index-file.js";
import { indexFile, rereadSkippedScans } from "./index-file.js";
import { planRoot } from "./plan-root.js";
import { forEachLimited } from "./pool.js";
import { scanRoot } from "./scan-root.js";
import { IgnoreRules } from "./ignore-rules.js";
import { backfillVectors } from "./backfill-vectors.js";
import { resolveRoot } from "./resolve-root.js";

export { resolveRoot };

export interface IndexReport {
  root: string;
  scanned: number;
  unchanged: number;
  sameContent: number;
  indexed: number;
  failed: number;
  removed: number;
  chunksEmbedded: number;
  chunksFromCache: number;
  failures: { path: string; error: string }[];
}

export type IndexProgress =
  | { phase: "scan"; root: string }
  | { phase: "files"; done: number; total: number; path: string }
  | { phase: "vectors"; done: number; total: number };

export interface IndexRootOptions {
  concurrency: number;
  onProgress?: (p: IndexProgress) => void;
  signal?: AbortSignal;
}

export async function indexRoot(
  deps: IndexDeps,
  rootPath: string,
  options: IndexRootOptions,
): Promise<IndexReport> {
  const { store } = deps;
  const { onProgress, signal } = options;
  const path = await resolveRoot(rootPath);
  const root = store.addRoot(path);
  onProgress?.({ phase: "scan", root: path });
  const unreadable: { path: string; error: string }[] = [];
  const disk = await scanRoot(path, new IgnoreRules(path, deps.ignore), {
    signal,
    onUnreadable: (dir, code) =>
      unreadable.push({
        path: dir,
        error: `cannot be read (${code}): its files are not indexed; fix its permissions`,
      }),
  });
  rereadSkippedScans(deps);
  const known = store.filesOfRoot(root.id);
  const plan = planRoot(disk, known);
  const previous = new Map(known.map((f) => [f.path, f]));

  const report: IndexReport = {
    root: path,
    scanned: disk.length,
    unchanged: plan.unchanged,
    sameContent: 0,
    indexed: 0,
    failed: 0,
    removed: 0,
    chunksEmbedded: 0,
    chunksFromCache: 0,
    failures: [...unreadable],
  };
  for (const gone of plan.remove) if (store.deleteFile(gone)) report.removed++;

  let done = 0;
  const tally = (file: string, outcome: FileOutcome) => {
    if (outcome.status === "indexed") {
      report.indexed++;
      report.chunksEmbedded += outcome.embedded;
      report.chunksFromCache += outcome.cached;
    } else if (outcome.status === "same-content") {
      report.sameContent++;
    } else if (outcome.status === "failed") {
      report.failed++;
      report.failures.push({ path: file, error: outcome.error });
    } else if (outcome.status === "gone") {
      report.removed++;
    }
  };
  await forEachLimited(
    plan.check,
    options.concurrency,
    async (file) => {
      const outcome = await indexFile(deps, root.id, file, previous.get(file.path) ?? null, {
        signal,
      });
      tally(file.path, outcome);
      onProgress?.({ phase: "files", done: ++done, total: plan.check.length, path: file.path });
    },
    signal,
  );

  const embedder = deps.model.current;
  if (embedder) {
    report.chunksEmbedded += await backfillVectors(store, embedder, {
      onProgress: (p) => onProgress?.({ phase: "vectors", ...p }),
      signal,
    });
  }
  return report;
}
