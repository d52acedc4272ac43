// `hearth reindex [--vectors]`: accept changed chunking or model settings and rebuild what they affect.
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import { backfillVectors } from "../../pipeline/backfill-vectors.js";
import { indexRoot } from "../../pipeline/index-root.js";
import { createProgress } from "../progress.js";
import { refuseWhileDaemonRuns } from "../daemon-client.js";

export async function runReindex(opts: { vectors?: boolean }, log: Logger): Promise<void> {
  refuseWhileDaemonRuns("hearth stop, then reindex, then hearth start");
  const hearth = await openHearth({ log, reindex: opts.vectors ? "vectors" : "all" });
  const progress = createProgress();
  try {
    if (opts.vectors) {
      if (!hearth.embedder) {
        console.log(`nothing to re-embed: ${hearth.modelNotice ?? "no model"}`);
        return;
      }
      const embedded = await backfillVectors(hearth.store, hearth.embedder, {
        onProgress: (p) => progress.update({ phase: "vectors", ...p }),
      });
      progress.done();
      console.log(
        `re-embedded the index with ${hearth.embedder.info.name}: ${embedded} chunks through the model, the rest from cache`,
      );
      return;
    }
    for (const root of hearth.store.listRoots()) {
      const report = await indexRoot(hearth.indexDeps, root.path, {
        concurrency: hearth.config.index.concurrency,
        onProgress: (p) => progress.update(p),
      });
      progress.done();
      console.log(
        `${root.path}: ${report.indexed} files re-chunked, ${report.chunksEmbedded} chunks embedded`,
      );
    }
  } finally {
    progress.done();
    await hearth.close();
  }
}
