// What the audit log keeps of a call's arguments. Text written to a file never: the note is its own record,
// and `forget` must leave no copy behind. With audit.queries "hash", what was looked for (a search's
// query, a table query's text and values, a note's title) only as a salted hash: two equal searches
// show as equal, and a guess can be checked, but the log does not say what was searched.
import { createHash } from "node:crypto";

export type QueryLogging = "text" | "hash";

/** The fields of each tool that hold what the agent looked for or wrote. */
const QUERY_FIELDS: Record<string, readonly string[]> = {
  search: ["query"],
  query_table: ["text", "equals"],
  remember: ["title", "tags", "corrects"],
  recall: ["topic"],
};

/** The fields that hold text written to a file: the file is its own record, the log says how long. */
const WRITTEN_FIELDS: Record<string, readonly string[]> = {
  remember: ["text"],
  append_to_note: ["text"],
  create_note: ["text"],
  edit_note: ["old_text", "new_text"],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function auditedArguments(
  tool: string,
  input: unknown,
  logging: QueryLogging,
  salt: () => string,
): unknown {
  if (!isRecord(input)) return input ?? {};
  const out: Record<string, unknown> = { ...input };
  for (const field of WRITTEN_FIELDS[tool] ?? []) {
    const value = out[field];
    if (typeof value === "string") out[field] = `(${value.length} chars)`;
  }
  if (logging === "hash") {
    for (const field of QUERY_FIELDS[tool] ?? []) {
      if (out[field] === undefined) continue;
      const digest = createHash("sha256").update(salt()).update(JSON.stringify(out[field]));
      out[field] = `sha256:${digest.digest("hex").slice(0, 32)}`;
    }
  }
  return out;
}
