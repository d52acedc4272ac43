// One cursor codec for every paged answer (read, recent, resources/list): opaque to clients,
// tagged with what it continues, and refused with a hint when it is not one Hearth gave.
import { z } from "zod";
import { HearthError } from "../errors.js";

export function encodeCursor(kind: string, payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ ...payload, k: kind })).toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(
  kind: string,
  cursor: string,
  schema: S,
  hint: string,
): z.output<S> {
  const refused = () =>
    new HearthError("CURSOR_INVALID", `the cursor is not one \`${kind}\` gave`, hint);
  if (cursor.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refused();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  if (typeof value !== "object" || value === null || (value as { k?: unknown }).k !== kind)
    throw refused();
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw refused();
  return parsed.data;
}

export const offsetCursor = z.object({ offset: z.number().int().min(0).max(1e9) });
