// `hearth status`: roots, counts, model and index fingerprint, database size, recent failures.
import { statSync } from "node:fs";
import { chunkerSignature } from "../../chunk/chunker.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { resolveHearthPaths, type HearthPaths } from "../../config/paths.js";
import type { DaemonStatus } from "../../daemon/daemon.js";
import { openHearth } from "../../hearth.js";
import { findDaemon } from "../daemon-client.js";
import { listTables } from "../../table-query/list-tables.js";
import type { Logger } from "../../log.js";

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function daemonStatus(paths: HearthPaths): Promise<DaemonStatus | null> {
  const daemon = findDaemon(paths);
  if (!daemon) return null;
  try {
    return await daemon.call<DaemonStatus>("status", undefined, 5000);
  } catch {
    return null;
  }
}

function printDaemon(d: DaemonStatus | null): void {
  if (!d) {
    console.log("daemon     not running (hearth start)");
    return;
  }
  const eta = d.queue.etaSeconds !== null ? `, ETA ${d.queue.etaSeconds}s` : "";
  console.log(`daemon     running (pid ${d.pid}) since ${d.startedAt}: ${d.activity}`);
  console.log(
    `queue      ${d.queue.pending} pending, ${d.queue.active.length} active, ${d.queue.done} done${eta}`,
  );
  const s = d.modelSwitch;
  if (s)
    console.log(
      `switching  to ${s.to}: ${s.done}/${s.total} chunks embedded (since ${s.startedAt})`,
    );
  for (const e of d.recentErrors.slice(0, 5))
    console.log(`error      ${e.at} ${e.path}: ${e.error}`);
}

function tableCounts(db: Parameters<typeof listTables>[0]): {
  tables: number;
  transactions: number;
} {
  const list = listTables(db, 1, 0);
  return { tables: list.total, transactions: list.transactions.count };
}

export async function runStatus(opts: { json?: boolean }, log: Logger): Promise<void> {
  const daemon = await daemonStatus(resolveHearthPaths());
  const hearth = await openHearth({ log, readonly: true, loadModel: false });
  try {
    const { store, paths, config } = hearth;
    const counts = store.counts();
    const perRoot = store.filesPerRoot();
    const model = resolveModel(config.embedding.model, paths.modelsDir);
    const active = store.activeModel();
    const status = {
      home: paths.dataDir,
      index: paths.indexFile,
      dbBytes: fileSize(paths.indexFile) + fileSize(paths.indexFile + "-wal"),
      roots: store.listRoots().map((r) => ({ path: r.path, files: perRoot.get(r.id) ?? 0 })),
      files: counts.files,
      failed: counts.failed,
      chunks: counts.chunks,
      vectors: counts.vectors,
      chunksWithoutVectors: store.countChunksWithoutVectors(),
      model:
        model.kind === "file"
          ? { path: model.path }
          : { path: null, note: `${model.reason}; ${model.hint}` },
      fingerprint: {
        chunker: store.getMeta("chunker") ?? chunkerSignature(config.chunking),
        vectors: active ? { model: active.fingerprint, dimensions: active.dimensions } : null,
      },
      tables: tableCounts(store.db),
      failures: store.listFailures(50).map((f) => ({ path: f.path, error: f.error })),
      daemon,
    };
    if (opts.json) {
      console.log(JSON.stringify(status, null, 2));
      return;
    }
    printDaemon(daemon);
    console.log(`index      ${status.index} (${(status.dbBytes / 1e6).toFixed(1)} MB)`);
    for (const r of status.roots) console.log(`root       ${r.path} (${r.files} files)`);
    console.log(`files      ${status.files} indexed, ${status.failed} failed`);
    console.log(`chunks     ${status.chunks} (${status.vectors} with vectors)`);
    if (status.tables.tables > 0) {
      console.log(
        `tables     ${status.tables.tables} (${status.tables.transactions} transactions; hearth table list)`,
      );
    }
    console.log(`model      ${status.model.path ?? "none — " + (status.model.note ?? "")}`);
    console.log(`chunker    ${status.fingerprint.chunker}`);
    console.log(
      `vectors    ${status.fingerprint.vectors ? `${status.fingerprint.vectors.model}` : "none"}`,
    );
    for (const f of status.failures.slice(0, 10)) console.log(`failed     ${f.path}: ${f.error}`);
  } finally {
    await hearth.close();
  }
}
