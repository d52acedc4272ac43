// The audit log: every agent's tool call with its client, arguments and the paths it returned.
import type { Statements } from "./statements.js";

export interface AuditEntry {
  at: number;
  client: string;
  tool: string;
  arguments: unknown;
  paths: readonly string[];
  error: string | null;
}

export class AuditLog {
  constructor(private readonly sql: Statements) {}

  record(entry: AuditEntry): void {
    this.sql
      .get("INSERT INTO audit(at, client, tool, arguments, paths, error) VALUES (?, ?, ?, ?, ?, ?)")
      .run(
        entry.at,
        entry.client,
        entry.tool,
        JSON.stringify(entry.arguments ?? {}),
        JSON.stringify(entry.paths),
        entry.error,
      );
  }

  since(sinceMs: number, limit = 1000): AuditEntry[] {
    const rows = this.sql
      .get(
        "SELECT at, client, tool, arguments, paths, error FROM audit WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?",
      )
      .all(sinceMs, limit) as {
      at: number;
      client: string;
      tool: string;
      arguments: string;
      paths: string;
      error: string | null;
    }[];
    return rows.map((r) => ({
      ...r,
      arguments: JSON.parse(r.arguments) as unknown,
      paths: JSON.parse(r.paths) as string[],
    }));
  }

  /** Drops entries older than the retention period. */
  prune(beforeMs: number): number {
    return this.sql.get("DELETE FROM audit WHERE at < ?").run(beforeMs).changes;
  }
}
