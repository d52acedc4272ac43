// query_table and the CLI's `hearth table`: statements and spreadsheets as typed tables, within the
// folders the caller sees; every answer cites files and rows.
import { z } from "zod";
import { type CategoryRules, loadCategories } from "../../table-query/categories.js";
import { tableQuerySchema } from "../../table-query/spec.js";
import type { GroupsAnswer, RowsAnswer } from "../../store/table-sql/answer.js";
import type { TableList } from "../../store/table-sql/list-tables.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";

export type TableAnswer =
  | ({ answer: "tables" } & TableList)
  | ({ answer: "rows" } & RowsAnswer)
  | ({ answer: "groups" } & GroupsAnswer);

export async function queryTable(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): Promise<{ result: TableAnswer; paths: string[] }> {
  const input = ctx.parse(tableQuerySchema, raw, "query_table");
  const within = ctx.visibleRoots(caller);
  const path = input.path ? await ctx.confine(caller, input.path) : undefined;
  if (input.list) {
    const list = ctx.store.tables.list(input.limit, input.offset, within, path);
    return { result: { answer: "tables", ...list }, paths: list.tables.map((t) => t.path) };
  }
  const categories = loadCategories(ctx.paths.categoriesFile);
  const answer = ctx.store.tables.query(
    { ...input, ...(path ? { path } : {}) },
    categories,
    within,
  );
  if ("rows" in answer) {
    return {
      result: { answer: "rows", ...answer },
      paths: [...new Set(answer.rows.map((r) => r.source.path))],
    };
  }
  const paths = new Set(answer.groups.flatMap((g) => g.sources.map((s) => s.path)));
  return { result: { answer: "groups", ...answer }, paths: [...paths] };
}

export const categoriesInput = z.object({}).strict();

/** The category rules in use, and the file they come from. */
export function tableCategories(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
): { result: CategoryRules; paths: string[] } {
  ctx.parse(categoriesInput, raw, "table categories");
  return { result: loadCategories(ctx.paths.categoriesFile), paths: [] };
}
