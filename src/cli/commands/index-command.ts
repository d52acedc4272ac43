// `hearth index DIR...`: one-shot indexing with progress; prints a summary per root.
import { updateRoots } from "../../config/edit-config.js";
import { resolveHearthPaths } from "../../config/paths.js";
import { openHearth } from "../../hearth.js";
import { indexRoot, type IndexReport } from "../../pipeline/index-root.js";
import { resolveRoot } from "../../pipeline/resolve-root.js";
import { holdIndex } from "../hold-index.js";
import type { CliContext } from "../context.js";
import { createProgress } from "../progress.js";

export async function runIndex(
  cli: CliContext,
  dirs: string[],
  opts: { json?: boolean },
): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const writer = holdIndex(paths, "hearth add DIR (the daemon indexes what it watches)");
  try {
    await indexFolders(cli, dirs, opts);
  } finally {
    writer.release();
  }
}

async function indexFolders(
  cli: CliContext,
  dirs: string[],
  opts: { json?: boolean },
): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  // The folders become roots, as `hearth add` makes them: one notion of roots for the CLI, the
  // daemon, MCP and status, so what is searchable is also readable and listed.
  const roots: string[] = [];
  for (const dir of dirs) roots.push(await resolveRoot(dir));
  updateRoots(paths.configFile, (current) => [...current, ...roots]);
  const { io } = cli;
  const hearth = await openHearth({ log: cli.log, env: cli.env });
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  const reports: IndexReport[] = [];
  try {
    for (const dir of roots) {
      const progress = createProgress(io.stderr);
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
  const notice = hearth.model.notice;
  if (opts.json) {
    io.json({ roots: reports, semantic: notice === null }, 2);
    return;
  }
  for (const r of reports) {
    io.out(
      `${r.root}: ${r.scanned} files — ${r.indexed} indexed, ${r.unchanged + r.sameContent} unchanged, ` +
        `${r.removed} removed, ${r.failed} failed; ${r.chunksEmbedded} chunks embedded, ${r.chunksFromCache} from cache`,
    );
    for (const f of r.failures.slice(0, 10)) io.out(`  failed: ${f.path}: ${f.error}`);
    if (r.failures.length > 10)
      io.out(`  … and ${r.failures.length - 10} more (hearth status --json)`);
  }
  if (notice) io.out(`note: ${notice}`);
}
