// `hearth forget --purge`: what deleted files left behind, erased now — by the daemon when it runs
// (it owns the index), else here under the daemon's lock.
import { type HearthPaths, resolveHearthPaths } from "../../config/paths.js";
import { HearthError } from "../../errors.js";
import type { PurgeReport } from "../../store/eraser.js";
import { findDaemon } from "../daemon-client.js";
import type { CliContext } from "../context.js";
import { holdIndex } from "../hold-index.js";

async function purgeHere(paths: HearthPaths, env: NodeJS.ProcessEnv): Promise<PurgeReport> {
  const writer = holdIndex(paths, "run it again");
  try {
    const [{ Store }, { keyForIndex }] = await Promise.all([
      import("../../store/store.js"),
      import("../../config/index-key.js"),
    ]);
    const store = Store.open(paths.indexFile, { key: await keyForIndex(paths.indexFile, env) });
    try {
      return store.purgeNow();
    } finally {
      store.close();
    }
  } finally {
    writer.release();
  }
}

export async function runPurge(cli: CliContext): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const daemon = findDaemon(paths);
  let report: PurgeReport | null = null;
  if (daemon) {
    try {
      report = await daemon.call<PurgeReport>("purge", {});
    } catch (err) {
      if (!(err instanceof HearthError && err.code === "DAEMON_UNREACHABLE")) throw err;
    }
  }
  report ??= await purgeHere(paths, cli.env);
  cli.io.out(
    `purged: ${report.vectors} cached vectors no file uses, free pages and old FTS segments rewritten` +
      (report.walTruncated
        ? ", write-ahead log emptied"
        : "; a reader kept the write-ahead log open: run it again once it closes"),
  );
}
