// The query_table tool: statements and spreadsheets as tables an agent can filter, group and sum,
// through a structured request compiled to parameterized SQL; every answer cites files and rows.
import { z } from "zod";
import { tableQuerySchema } from "../../table-query/spec.js";
import { READ_ONLY, type Tool } from "../tool-kit.js";

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

export const queryTableTool: Tool = {
  name: "query_table",
  title: "Query statements and spreadsheets",
  description: DESCRIPTION,
  input: tableQuerySchema,
  output: tableOutput,
  annotations: READ_ONLY,
  async call({ service, caller, args }) {
    return { result: { ...(await service.queryTable(caller, args)) } };
  },
};
