// `hearth reindex [--vectors]`: accept changed chunking or model settings and rebuild what they affect.
import { resolveHearthPaths } from "../../config/paths.js";
import { openHearth } from "../../hearth.js";
import { backfillVectors } from "../../pipeline/backfill-vectors.js";
import { indexRoot } from "../../pipeline/index-root.js";
import { holdIndex } from "../hold-index.js";
import type { CliContext } from "../context.js";
import { createProgress } from "../progress.js";

export async function runReindex(cli: CliContext, opts: { vectors?: boolean }): Promise<void> {
  const writer = holdIndex(
    resolveHearthPaths(cli.env),
    "hearth stop, then reindex, then hearth start",
  );
  try {
    await reindex(cli, opts);
  } finally {
    writer.release();
  }
}

async function reindex(cli: CliContext, opts: { vectors?: boolean }): Promise<void> {
  const hearth = await openHearth({
    log: cli.log,
    env: cli.env,
    reindex: opts.vectors ? "vectors" : "all",
  });
  const { io } = cli;
  const progress = createProgress(io.stderr);
  try {
    const embedder = hearth.model.current;
    if (opts.vectors) {
      if (!embedder) {
        io.out(`nothing to re-embed: ${hearth.model.notice ?? "no model"}`);
        return;
      }
      const embedded = await backfillVectors(hearth.store, embedder, {
        onProgress: (p) => progress.update({ phase: "vectors", ...p }),
      });
      progress.done();
      io.out(
        `re-embedded the index with ${embedder.info.name}: ${embedded} chunks through the model, the rest from cache`,
      );
      return;
    }
    for (const root of hearth.store.listRoots()) {
      const report = await indexRoot(hearth.indexDeps, root.path, {
        concurrency: hearth.config.index.concurrency,
        onProgress: (p) => progress.update(p),
      });
      progress.done();
      io.out(
        `${root.path}: ${report.indexed} files re-chunked, ${report.chunksEmbedded} chunks embedded`,
      );
    }
  } finally {
    progress.done();
    await hearth.close();
  }
}
