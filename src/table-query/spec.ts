// What an agent or the CLI may ask of a table: filters, grouping, aggregates, order and a limit —
// a structured request compiled to parameterized SQL, never SQL itself.
import { z } from "zod";

import { AGGREGATES, MAX_LIMIT } from "./limits.js";

export { AGGREGATES, MAX_LIMIT, TIME_GROUPS } from "./limits.js";

const isoDate = z.string().date("a date as YYYY-MM-DD");

export const tableQuerySchema = z
  .object({
    list: z
      .boolean()
      .default(false)
      .describe(
        "true: list the tables (files, sheets) with their columns and types instead of querying",
      ),
    table: z
      .string()
      .min(1)
      .optional()
      .describe(
        '"transactions" (every statement\'s transactions in one shape; the default) or a table as {"list": true} names it: a file path, or "path#sheet" for a workbook sheet',
      ),
    from: isoDate.optional().describe("on or after this date (YYYY-MM-DD)"),
    to: isoDate.optional().describe("on or before this date (YYYY-MM-DD)"),
    text: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("the description contains this, ignoring case"),
    min: z.number().optional().describe("amount at least this (money out is negative)"),
    max: z.number().optional().describe("amount at most this"),
    flow: z
      .enum(["in", "out"])
      .optional()
      .describe('"out": money spent (negative amounts); "in": money received'),
    category: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("only this category (see the categories rules)"),
    equals: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe('column = value, e.g. {"currency": "EUR"}; text compares ignoring case'),
    path: z.string().optional().describe("only tables from files under this folder, or this file"),
    rows: z
      .object({ from: z.number().int().min(1), to: z.number().int().min(1) })
      .optional()
      .describe("only these source rows (the line or row range a search hit cites)"),
    group_by: z
      .string()
      .optional()
      .describe('"day", "week", "month", "year", "category", or a column name'),
    aggregates: z
      .array(z.enum(AGGREGATES))
      .min(1)
      .optional()
      .describe('per group (or over everything when not grouped); default ["sum", "count"]'),
    of: z.string().optional().describe("the column aggregated; default the amount"),
    sort: z
      .string()
      .optional()
      .describe(
        'rows: "date" (default), "amount" or a column; groups: "key" (default) or an aggregate',
      ),
    descending: z.boolean().default(false),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_LIMIT)
      .default(50)
      .describe("rows, groups or tables returned"),
    offset: z.number().int().min(0).default(0).describe("skip this many, to page on"),
  })
  .strict();

export type TableQuery = z.output<typeof tableQuerySchema>;
export type TableQueryInput = z.input<typeof tableQuerySchema>;
