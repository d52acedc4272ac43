// `hearth audit [--since 1d] [--json]`: which agent read what, and when.
import type { AuditEntry } from "../../store/audit-log.js";
import { CLI_CALLER } from "../../service/caller.js";
import { askHearth } from "../local-service.js";
import type { CliContext } from "../context.js";
import { parseDate } from "../parse-options.js";

export async function runAudit(
  cli: CliContext,
  opts: { since?: string; json?: boolean },
): Promise<void> {
  const request = { since: parseDate("--since", opts.since ?? "1d") };
  const { entries } = await askHearth<{ entries: AuditEntry[] }>(cli, "audit", request, (service) =>
    service.auditLog(CLI_CALLER, request),
  );
  const { io } = cli;
  if (opts.json) {
    io.json({ entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) }, 2);
    return;
  }
  if (entries.length === 0) io.out("no tool calls in that period");
  for (const e of entries) {
    const what = e.error
      ? `refused: ${e.error}`
      : `${e.paths.length} path(s)${e.paths.length ? ": " + e.paths.slice(0, 3).join(", ") : ""}`;
    io.out(
      `${new Date(e.at).toISOString()}  ${e.client}${e.profile ? ` [profile ${e.profile}]` : ""}  ${e.tool} ${JSON.stringify(e.arguments)}  → ${what}`,
    );
  }
}
