// The audit log: every agent's tool call with its client, arguments and the paths it returned.
import { randomBytes } from "node:crypto";
import type { Statements } from "./statements.js";

/** Narrows the entries: before a time (epoch ms), one client, one tool. */
export interface AuditFilter {
  until?: number;
  client?: string;
  tool?: string;
}

export interface AuditEntry {
  at: number;
  client: string;
  /** The profile the call ran under; null: the client sees everything. */
  profile: string | null;
  tool: string;
  arguments: unknown;
  paths: readonly string[];
  error: string | null;
}

export class AuditLog {
  constructor(private readonly sql: Statements) {}

  record(entry: AuditEntry): void {
    this.sql
      .get(
        "INSERT INTO audit(at, client, profile, tool, arguments, paths, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        entry.at,
        entry.client,
        entry.profile,
        entry.tool,
        JSON.stringify(entry.arguments ?? {}),
        JSON.stringify(entry.paths),
        entry.error,
      );
  }

  since(sinceMs: number, limit = 1000, filter: AuditFilter = {}): AuditEntry[] {
    // Fixed SQL per filter shape (the statement cache keys on the text); values are bound.
    const where = ["at >= ?"];
    const values: (string | number)[] = [sinceMs];
    if (filter.until !== undefined) {
      where.push("at < ?");
      values.push(filter.until);
    }
    if (filter.client !== undefined) {
      where.push("client = ?");
      values.push(filter.client);
    }
    if (filter.tool !== undefined) {
      where.push("tool = ?");
      values.push(filter.tool);
    }
    const rows = this.sql
      .get(
        `SELECT at, client, profile, tool, arguments, paths, error FROM audit WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(...values, limit) as {
      at: number;
      client: string;
      profile: string | null;
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

  /** This index's salt for hashed queries, made once: equal queries hash alike only within it. */
  salt(): string {
    const stored = this.sql.get("SELECT value FROM meta WHERE key = 'audit_salt'").pluck().get();
    if (typeof stored === "string") return stored;
    const salt = randomBytes(16).toString("hex");
    this.sql.get("INSERT INTO meta(key, value) VALUES ('audit_salt', ?)").run(salt);
    return salt;
  }

  /** The clients and tools the log names, for the page's filters. */
  names(): { clients: string[]; tools: string[] } {
    const pluck = (column: "client" | "tool") =>
      this.sql
        .get(`SELECT DISTINCT ${column} FROM audit ORDER BY ${column}`)
        .pluck()
        .all() as string[];
    return { clients: pluck("client"), tools: pluck("tool") };
  }

  /** Drops entries older than the retention period. */
  prune(beforeMs: number): number {
    return this.sql.get("DELETE FROM audit WHERE at < ?").run(beforeMs).changes;
  }
}
