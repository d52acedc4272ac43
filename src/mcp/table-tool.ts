// The query_table tool: statements and spreadsheets as tables an agent can filter, group and sum,
// through a structured request compiled to parameterized SQL; every answer cites files and rows.
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { tableQuerySchema } from "../table-query/spec.js";
import type { McpBackend } from "./backend.js";
import { confinePath } from "./confine-path.js";
import { runTool } from "./tool-result.js";
import type { ClientName } from "./tools.js";

const record = z.record(z.string(), z.unknown());

const tableOutput = z.object({
  answer: z.enum(["tables", "rows", "groups"]),
  table: z.string().optional(),
  transactions: record
    .optional()
    .describe("the unified transactions: count, date span, currencies"),
  tables: z.array(record).optional(),
  total: z.number().optional(),
  rows: z.array(record).optional(),
  group_by: z.string().nullable().optional(),
  total_groups: z.number().optional(),
  groups: z.array(record).optional(),
  notes: z.array(z.string()).optional(),
});

const DESCRIPTION = `Answers questions about statements and spreadsheets (CSV, TSV, XLSX, OFX/QFX) that text search cannot: sums, counts and averages by month, week, year, category or column, with filters. Send {"list": true} first to see the tables and their typed columns. "transactions" (the default table) holds every statement's rows as date, description, amount (money out is negative), currency and balance. Example: {"from": "2024-01-01", "to": "2024-12-31", "category": "groceries", "flow": "out", "group_by": "month"}. Answers cite the source file and rows; amounts are exact decimals. No SQL is accepted.`;

export function registerTableTool(
  server: McpServer,
  backend: McpBackend,
  client: ClientName,
): void {
  server.registerTool(
    "query_table",
    {
      title: "Query statements and spreadsheets",
      description: DESCRIPTION,
      inputSchema: tableQuerySchema,
      outputSchema: tableOutput,
      annotations: {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    (args, ctx) =>
      runTool<Record<string, unknown>>(backend, client(ctx), "query_table", args, async () => {
        const path = args.path ? await confinePath(args.path, backend.roots()) : undefined;
        if (args.list) {
          const list = backend.tables.list(args.limit, args.offset, path);
          return {
            result: { answer: "tables" as const, ...list },
            paths: list.tables.map((t) => t.path),
          };
        }
        const answer = backend.tables.query({ ...args, ...(path ? { path } : {}) });
        if ("rows" in answer) {
          return {
            result: { answer: "rows" as const, ...answer },
            paths: [...new Set(answer.rows.map((r) => r.source.path))],
          };
        }
        const paths = new Set(answer.groups.flatMap((g) => g.sources.map((s) => s.path)));
        return { result: { answer: "groups" as const, ...answer }, paths: [...paths] };
      }),
  );
}
