// The audit log, for the user: which agent called which tool with which paths, and when.
import { z } from "zod";
import type { AuditEntry } from "../../store/audit-log.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";

export const auditInput = z
  .object({
    /** Entries at or after this time, epoch ms. */
    since: z.number().int().min(0),
    /** And before this time, epoch ms. */
    until: z.number().int().min(0).optional(),
    client: z.string().min(1).max(200).optional(),
    tool: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .strict();

export function auditLog(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
): {
  result: { entries: AuditEntry[]; clients: string[]; tools: string[] };
  paths: string[];
} {
  const { since, limit, ...filter } = ctx.parse(auditInput, raw, "audit");
  const entries = ctx.store.audit.since(since, limit, filter);
  return { result: { entries, ...ctx.store.audit.names() }, paths: [] };
}
