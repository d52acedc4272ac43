// Validates a request against its operation's schema; a refusal names the field, the problem and
// what to send, whichever face the request came through.
import type { z } from "zod";
import { HearthError } from "../errors.js";

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? `"${issue.path.join(".")}"` : "the request";
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return `${field}: ${issue.message}`;
}

/** The fields a schema accepts, for the hint. */
function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, op: string): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map(describe);
  const fields = fieldsOf(schema);
  throw new HearthError(
    "BAD_ARGUMENT",
    `${op}: ${problems.join("; ")}`,
    fields.length > 0 ? `${op} takes: ${fields.join(", ")}` : undefined,
  );
}
