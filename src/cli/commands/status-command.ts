// `hearth status`: roots, counts, model and index fingerprint, database size, recent failures.
import { CLI_CALLER } from "../../service/caller.js";
import type { DaemonStatus, StatusResult } from "../../service/ops/status.js";
import { askHearth } from "../local-service.js";
import type { CliContext } from "../context.js";

function printDaemon(cli: CliContext, d: DaemonStatus | null): void {
  const { io } = cli;
  if (!d) {
    io.out("daemon     not running (hearth start)");
    return;
  }
  const eta = d.queue.etaSeconds !== null ? `, ETA ${d.queue.etaSeconds}s` : "";
  io.out(`daemon     running (pid ${d.pid}) since ${d.startedAt}: ${d.activity}`);
  if (d.writeBlocked)
    io.out(
      `DISK FULL  since ${d.writeBlocked.since}: ${d.writeBlocked.message} (${d.writeBlocked.waiting} waiting)`,
    );
  io.out(`watching   ${d.watchedFolders} folders`);
  const m = d.memory;
  const mapped =
    m.fileBackedMB === null ? "" : `, ${m.fileBackedMB} MB of it mapped files (model, libraries)`;
  io.out(
    `memory     ${m.residentMB} MB resident${mapped}; JS heap ${m.heapUsedMB} of ${m.heapTotalMB} MB`,
  );
  io.out(
    `queue      ${d.queue.pending} pending${d.queue.slowPending ? ` (${d.queue.slowPending} of them images waiting for OCR)` : ""}, ${d.queue.active.length} active, ${d.queue.done} done${eta}`,
  );
  const s = d.modelSwitch;
  if (s)
    io.out(`switching  to ${s.to}: ${s.done}/${s.total} chunks embedded (since ${s.startedAt})`);
  for (const u of d.unreadable) io.out(`unreadable ${u.path}: ${u.error}`);
  for (const e of d.recentErrors.slice(0, 5)) io.out(`error      ${e.at} ${e.path}: ${e.error}`);
}

export async function runStatus(cli: CliContext, opts: { json?: boolean }): Promise<void> {
  const status = await askHearth<StatusResult>(cli, "status", {}, (service) =>
    service.status(CLI_CALLER),
  );
  if (opts.json) return cli.io.json(status, 2);
  const { io } = cli;
  printDaemon(cli, status.daemon);
  const size = status.dbBytes === null ? "" : ` (${(status.dbBytes / 1e6).toFixed(1)} MB)`;
  io.out(`index      ${status.index}${size}`);
  for (const r of status.roots) io.out(`root       ${r.path} (${r.files} files)`);
  io.out(`files      ${status.files} indexed, ${status.failed} failed`);
  io.out(`chunks     ${status.chunks} (${status.vectors} with vectors)`);
  if (status.tables.tables > 0) {
    io.out(
      `tables     ${status.tables.tables} (${status.tables.transactions} transactions; hearth table list)`,
    );
  }
  io.out(
    `model      ${status.model.path ?? "none — " + ("note" in status.model ? status.model.note : "")}`,
  );
  io.out(`chunker    ${status.fingerprint.chunker}`);
  io.out(`vectors    ${status.fingerprint.vectors ? status.fingerprint.vectors.model : "none"}`);
  for (const f of status.failures.slice(0, 10)) io.out(`failed     ${f.path}: ${f.error}`);
  for (const f of status.readInPart.slice(0, 10)) io.out(`in part    ${f.path}: ${f.unread}`);
}
