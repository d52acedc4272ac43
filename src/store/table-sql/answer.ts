// The shapes a table query answers with, and how stored cells are shown in them.
import { unitsToNumber } from "../../tables/fixed-point.js";
import type { Sql } from "../types.js";
import type { TableQuery } from "../../table-query/spec.js";
import type { SourceColumn, TableSource } from "./table-source.js";

export type Value = string | number | null;

/** What SQLite hands back for our cells: JSON cells give integers, text or NULL. */
export type SqlValue = string | number | null;

export interface Citation {
  path: string;
  sheet?: string;
  rows: number[];
}

export interface RowsAnswer {
  table: string;
  total: number;
  rows: {
    values: Record<string, Value>;
    category?: string;
    source: { path: string; sheet?: string; row: number };
  }[];
  notes: string[];
}

export type Aggregated = Partial<Record<"sum" | "avg" | "min" | "max", Value>>;

export interface GroupsAnswer {
  table: string;
  group_by: string | null;
  total_groups: number;
  groups: ({ key: Value; currency?: string | null; count: number } & Aggregated & {
      sources: Citation[];
      more_rows: number;
    })[];
  notes: string[];
}

/** Everything an answer is built from: the source, the request, its conditions, its category SQL. */
export interface QueryContext {
  source: TableSource;
  query: TableQuery;
  where: Sql;
  /** Present when the source has a description to categorize. */
  category: Sql | null;
  notes: string[];
}

export function present(col: SourceColumn, value: SqlValue | undefined): Value {
  if (value === null || value === undefined) return null;
  if ((col.type === "amount" || col.type === "number") && typeof value === "number")
    return unitsToNumber(value);
  return value;
}
