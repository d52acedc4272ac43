// The audit log as a file to keep: JSON as the API gives it, or CSV for a spreadsheet.
import type { AuditEntry } from "../store/audit-log.js";

const COLUMNS = ["time", "client", "profile", "tool", "arguments", "paths", "error"] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  // A leading = + - @ would be read as a formula by spreadsheets: a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
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
  return [COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}

export function auditJson(entries: readonly AuditEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    null,
    2,
  );
}
