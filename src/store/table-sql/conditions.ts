// Turns a query's filters into SQL conditions with parameters; values never become SQL text.
import { HearthError } from "../../errors.js";
import { filterSql } from "../filter-sql.js";
import { pathPrefixSql } from "../path-prefix.js";
import type { Sql } from "../types.js";
import { decimalToUnits } from "../../tables/fixed-point.js";
import { parseAmount } from "../../tables/parse-amount.js";
import type { TableQuery } from "../../table-query/spec.js";
import {
  type SourceColumn,
  TRANSACTIONS,
  type TableSource,
  column,
  receiptsOnStatementsLeftOut,
  roleColumn,
} from "./table-source.js";

/** Categories are matched in JS (see categorizer): one call per row instead of a LIKE per pattern. */
export const CATEGORY_FUNCTION = "hearth_category";

export function categorySql(description: SourceColumn): Sql {
  return { text: `${CATEGORY_FUNCTION}(${description.expr})`, params: [] };
}

/** A request the table query cannot answer, with what to send instead. */
export function invalid(message: string, hint: string): HearthError {
  return new HearthError("TABLE_QUERY_INVALID", message, hint);
}

export function numberUnits(value: number | string, what: string): number {
  const units =
    typeof value === "number" ? decimalToUnits(String(value)) : (parseAmount(value)?.units ?? null);
  if (units === null) {
    throw invalid(
      `${what}: ${JSON.stringify(value)} is not a number`,
      "send a plain number such as 12.5",
    );
  }
  return units;
}

function equalsCondition(col: SourceColumn, value: string | number): Sql {
  if (col.type === "amount" || col.type === "number") {
    return { text: `${col.expr} = ?`, params: [numberUnits(value, `equals.${col.name}`)] };
  }
  if (col.type === "date") {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      throw invalid(
        `equals.${col.name}: ${JSON.stringify(value)} is not a date`,
        "send YYYY-MM-DD",
      );
    }
    return { text: `${col.expr} = ?`, params: [value] };
  }
  return { text: `lower(${col.expr}) = lower(?)`, params: [String(value)] };
}

/** Every condition of the query, within the folders `within` names, joined by AND. */
export function whereSql(source: TableSource, query: TableQuery, within: readonly string[]): Sql {
  const parts: string[] = [...source.where];
  const params: unknown[] = [...source.params];
  const add = (sql: Sql): void => {
    parts.push(sql.text);
    params.push(...sql.params);
  };
  add(filterSql({ within }));
  if (source.ref === TRANSACTIONS) add(receiptsOnStatementsLeftOut(within));
  if (query.from || query.to) {
    if (query.from && query.to && query.from > query.to) {
      throw invalid(`from ${query.from} is after to ${query.to}`, "send from ≤ to");
    }
    const date = roleColumn(source, "date", "a date range");
    if (query.from) add({ text: `${date.expr} >= ?`, params: [query.from] });
    if (query.to) add({ text: `${date.expr} <= ?`, params: [query.to] });
  }
  if (query.text) {
    const description = roleColumn(source, "description", "a text match");
    add({ text: `instr(lower(${description.expr}), lower(?)) > 0`, params: [query.text] });
  }
  if (query.min !== undefined || query.max !== undefined || query.flow) {
    const amount = roleColumn(source, "amount", "an amount filter");
    if (query.min !== undefined)
      add({ text: `${amount.expr} >= ?`, params: [numberUnits(query.min, "min")] });
    if (query.max !== undefined)
      add({ text: `${amount.expr} <= ?`, params: [numberUnits(query.max, "max")] });
    if (query.flow)
      add({ text: `${amount.expr} ${query.flow === "out" ? "<" : ">"} 0`, params: [] });
  }
  if (query.category) {
    const category = categorySql(roleColumn(source, "description", "a category filter"));
    add({
      text: `${category.text} = lower(?)`,
      params: [...category.params, query.category.trim()],
    });
  }
  for (const [name, value] of Object.entries(query.equals ?? {})) {
    add(equalsCondition(column(source, name, "equals"), value));
  }
  if (query.path) {
    add(pathPrefixSql(query.path));
  }
  if (query.rows) {
    if (query.rows.from > query.rows.to)
      throw invalid("rows.from is after rows.to", "send from ≤ to");
    add({ text: `${source.rowExpr} BETWEEN ? AND ?`, params: [query.rows.from, query.rows.to] });
  }
  return { text: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}
