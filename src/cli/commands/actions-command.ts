// `hearth actions` and `hearth undo`: what agents changed in the user's files, and putting it back —
// through the daemon when it runs (the index follows at once), else here under the daemon's lock.
import { resolveHearthPaths } from "../../config/paths.js";
import { HearthError } from "../../errors.js";
import { CLI_CALLER } from "../../service/caller.js";
import type { UndoReport } from "../../service/ops/undo.js";
import type { HearthService } from "../../service/service.js";
import type { ActionRecord } from "../../store/action-journal.js";
import type { CliContext } from "../context.js";
import { findDaemon } from "../daemon-client.js";
import { holdIndex } from "../hold-index.js";
import { askHearth } from "../local-service.js";
import { parsePositiveInt } from "../parse-options.js";

function describe(a: ActionRecord): string {
  const where = a.toPath ? `${a.path} → ${a.toPath}` : a.path;
  const state = a.undoneAt ? `undone ${new Date(a.undoneAt).toISOString()}` : "";
  return `${String(a.id).padStart(4)}  ${new Date(a.at).toISOString()}  ${a.client}${a.profile ? ` [profile ${a.profile}]` : ""}  ${a.tool}  ${where}${state ? `  (${state})` : ""}`;
}

export async function runActions(
  cli: CliContext,
  opts: { limit?: string; json?: boolean },
): Promise<void> {
  const request = { limit: opts.limit ? parsePositiveInt("--limit", opts.limit, 10_000) : 20 };
  const { actions } = await askHearth<{ actions: ActionRecord[] }>(cli, "actions", request, (s) =>
    s.actions(CLI_CALLER, request),
  );
  if (opts.json) {
    cli.io.json(
      {
        actions: actions.map((a) => ({
          ...a,
          at: new Date(a.at).toISOString(),
          undoneAt: a.undoneAt ? new Date(a.undoneAt).toISOString() : null,
        })),
      },
      2,
    );
    return;
  }
  if (actions.length === 0) cli.io.out("agents have changed no file");
  for (const a of actions) cli.io.out(describe(a));
}

/** Undoing writes files and the journal: with no daemon, this process holds the index meanwhile. */
async function undoHere(cli: CliContext, request: object): Promise<UndoReport> {
  const paths = resolveHearthPaths(cli.env);
  const writer = holdIndex(paths, "run it again");
  try {
    const [{ openHearth }, { serviceOver }] = await Promise.all([
      import("../../hearth.js"),
      import("../../host/open-service.js"),
    ]);
    const hearth = await openHearth({ log: cli.log, env: cli.env, loadModel: false });
    try {
      const service: HearthService = await serviceOver(hearth);
      return await service.undo(CLI_CALLER, request);
    } finally {
      await hearth.close();
    }
  } finally {
    writer.release();
  }
}

export async function runUndo(
  cli: CliContext,
  count: string | undefined,
  opts: { id?: string; json?: boolean },
): Promise<void> {
  const request = opts.id
    ? { id: parsePositiveInt("--id", opts.id, Number.MAX_SAFE_INTEGER) }
    : { count: count ? parsePositiveInt("COUNT", count, 1000) : 1 };
  const daemon = findDaemon(resolveHearthPaths(cli.env));
  let report: UndoReport | null = null;
  if (daemon) {
    try {
      report = await daemon.call<UndoReport>("undo", request);
    } catch (err) {
      if (!(err instanceof HearthError && err.code === "DAEMON_UNREACHABLE")) throw err;
    }
  }
  report ??= await undoHere(cli, request);
  if (opts.json) {
    cli.io.json(report, 2);
    return;
  }
  for (const a of report.undone) cli.io.out(`undone: ${describe(a)}`);
  if (report.stopped)
    cli.io.err(`stopped at action ${report.stopped.id}: ${report.stopped.reason}`);
}
