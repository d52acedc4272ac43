// `hearth index DIR...`: one-shot indexing with progress; prints a summary per root.
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import { indexRoot, type IndexReport } from "../../pipeline/index-root.js";
import { createProgress } from "../progress.js";
import { refuseWhileDaemonRuns } from "../daemon-client.js";

export async function runIndex(
  dirs: string[],
  opts: { json?: boolean },
  log: Logger,
): Promise<void> {
  refuseWhileDaemonRuns("hearth add DIR (the daemon indexes what it watches)");
  const hearth = await openHearth({ log });
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  const reports: IndexReport[] = [];
  try {
    for (const dir of dirs) {
      const progress = createProgress();
      try {
        reports.push(
          await indexRoot(hearth.indexDeps, dir, {
            concurrency: hearth.config.index.concurrency,
            onProgress: (p) => progress.update(p),
            signal: abort.signal,
          }),
        );
      } finally {
        progress.done();
      }
    }
  } finally {
    process.off("SIGINT", onSignal);
    await hearth.close();
  }
  if (opts.json) {
    console.log(JSON.stringify({ roots: reports, semantic: hearth.modelNotice === null }, null, 2));
    return;
  }
  for (const r of reports) {
    console.log(
      `${r.root}: ${r.scanned} files — ${r.indexed} indexed, ${r.unchanged + r.sameContent} unchanged, ` +
        `${r.removed} removed, ${r.failed} failed; ${r.chunksEmbedded} chunks embedded, ${r.chunksFromCache} from cache`,
    );
    for (const f of r.failures.slice(0, 10)) console.log(`  failed: ${f.path}: ${f.error}`);
    if (r.failures.length > 10)
      console.log(`  … and ${r.failures.length - 10} more (hearth status --json)`);
  }
  if (hearth.modelNotice) console.log(`note: ${hearth.modelNotice}`);
}
