// The audit log as a file to keep: JSON as the API gives it, or CSV for a spreadsheet.
import type { HearthService } from "../service/service.js";
import { WEB_CALLER } from "../service/caller.js";
import type { AuditEntry } from "../store/audit-log.js";

const COLUMNS = ["time", "client", "profile", "tool", "arguments", "paths", "error"] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  // A leading = + - @ would be read as a formula by spreadsheets: a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV lines for `entries`, after the header line when `first`. */
export function auditCsv(entries: readonly AuditEntry[], first: boolean): string {
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(),
      e.client,
      e.profile ?? "",
      e.tool,
      JSON.stringify(e.arguments),
      e.paths.join("\n"),
      e.error ?? "",
    ]
      .map(csvField)
      .join(","),
  );
  const lines = first ? [COLUMNS.join(","), ...rows] : rows;
  return lines.length ? lines.join("\r\n") + "\r\n" : "";
}

/** `entries` as the next elements of one JSON array, which this opens when `first`. */
export function auditJson(entries: readonly AuditEntry[], first: boolean): string {
  return entries
    .map(
      (e, i) =>
        (first && i === 0 ? "[\n" : ",\n") +
        JSON.stringify({ ...e, at: new Date(e.at).toISOString() }),
    )
    .join("");
}

/** The audit op's most per call. */
const PAGE = 10_000;

/**
 * Every entry that matches, newest first, a page at a time. A page ends on a millisecond that the
 * next begins with again (until is exclusive), so the entries of that millisecond already given
 * are skipped there: the order (time, then id) is the same every time.
 */
export async function* auditPages(
  service: Pick<HearthService, "auditLog">,
  filter: { since: number; until?: number; client?: string; tool?: string },
): AsyncGenerator<AuditEntry[]> {
  let until = filter.until;
  let skip = 0;
  for (;;) {
    const { entries } = await service.auditLog(WEB_CALLER, {
      ...filter,
      ...(until !== undefined ? { until } : {}),
      limit: PAGE,
    });
    const fresh = entries.slice(skip);
    if (fresh.length > 0) yield fresh;
    if (entries.length < PAGE) return;
    const last = entries.at(-1)!.at;
    const sameMs = entries.filter((e) => e.at === last).length;
    if (sameMs === PAGE) return; // a whole page in one millisecond: no way past it
    until = last + 1;
    skip = sameMs;
  }
}
