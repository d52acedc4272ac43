// `hearth table list | query | categories`: statements and spreadsheets as tables, from the terminal.
import { resolve } from "node:path";
import { HearthError } from "../../errors.js";
import { CLI_CALLER } from "../../service/caller.js";
import type { TableAnswer } from "../../service/ops/tables.js";
import type { GroupsAnswer, RowsAnswer, Value } from "../../store/table-sql/answer.js";
import type { TableList } from "../../store/table-sql/list-tables.js";
import type { CategoryRules } from "../../table-query/categories.js";
import { AGGREGATES } from "../../table-query/limits.js";
import type { TableQueryInput } from "../../table-query/spec.js";
import { resolveHearthPaths } from "../../config/paths.js";
import { askHearth } from "../local-service.js";
import type { CliContext } from "../context.js";

export interface TableQueryOptions {
  from?: string;
  to?: string;
  text?: string;
  min?: string;
  max?: string;
  flow?: string;
  category?: string;
  where?: string[];
  in?: string;
  rows?: string;
  groupBy?: string;
  agg?: string;
  of?: string;
  sort?: string;
  desc?: boolean;
  limit?: string;
  offset?: string;
  json?: boolean;
}

/**
 * The service names a request's fields (`query_table: "group_by": …`); the user typed options.
 * The first problem is said in their terms: `--group-by: …`.
 */
function inOptionTerms(err: unknown): unknown {
  if (!(err instanceof HearthError) || err.code !== "BAD_ARGUMENT") return err;
  const match = /^query_table: "([a-z_]+)[^"]*": ([^;\n]*)/.exec(err.message);
  if (!match) return err;
  const [, field, problem] = match;
  return new HearthError("BAD_ARGUMENT", `${OPTION_OF[field!] ?? `--${field}`}: ${problem}`);
}

function queryTable(cli: CliContext, request: TableQueryInput): Promise<TableAnswer> {
  return askHearth<TableAnswer>(cli, "query_table", request, (service) =>
    service.queryTable(CLI_CALLER, request),
  );
}

function badOption(option: string, value: string, accepts: string): HearthError {
  return new HearthError(
    "BAD_ARGUMENT",
    `${option} ${JSON.stringify(value)} is not valid`,
    accepts,
  );
}

function number(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw badOption(option, value, "send a number such as -25 or 12.50");
  return n;
}

/** Builds the same request an agent sends to query_table, so both are checked by one schema. */
function requestOf(table: string | undefined, o: TableQueryOptions): TableQueryInput {
  const equals: Record<string, string> = {};
  for (const pair of o.where ?? []) {
    const cut = pair.indexOf("=");
    if (cut <= 0)
      throw badOption("--where", pair, 'write it as column=value, e.g. --where "currency=EUR"');
    equals[pair.slice(0, cut).trim()] = pair.slice(cut + 1).trim();
  }
  let rows: { from: number; to: number } | undefined;
  if (o.rows !== undefined) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(o.rows);
    if (!match) throw badOption("--rows", o.rows, "write a row or a range: 12 or 12-40");
    rows = { from: Number(match[1]), to: Number(match[2] ?? match[1]) };
  }
  const aggregates = o.agg?.split(",").map((a) => a.trim().toLowerCase());
  if (aggregates?.some((a) => !(AGGREGATES as readonly string[]).includes(a))) {
    throw badOption("--agg", o.agg!, `use a comma-separated list of: ${AGGREGATES.join(", ")}`);
  }
  return {
    ...(table ? { table: table === "transactions" ? table : resolve(table) } : {}),
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
    ...(o.text ? { text: o.text } : {}),
    ...(o.min !== undefined ? { min: number("--min", o.min) } : {}),
    ...(o.max !== undefined ? { max: number("--max", o.max) } : {}),
    ...(o.flow ? { flow: o.flow as "in" | "out" } : {}),
    ...(o.category ? { category: o.category } : {}),
    ...(Object.keys(equals).length ? { equals } : {}),
    ...(o.in ? { path: resolve(o.in) } : {}),
    ...(rows ? { rows } : {}),
    ...(o.groupBy ? { group_by: o.groupBy } : {}),
    ...(aggregates ? { aggregates: aggregates as TableQueryInput["aggregates"] } : {}),
    ...(o.of ? { of: o.of } : {}),
    ...(o.sort ? { sort: o.sort } : {}),
    ...(o.desc ? { descending: true } : {}),
    ...(o.limit !== undefined ? { limit: number("--limit", o.limit) } : {}),
    ...(o.offset !== undefined ? { offset: number("--offset", o.offset) } : {}),
  };
}

const OPTION_OF: Record<string, string> = {
  group_by: "--group-by",
  aggregates: "--agg",
  path: "--in",
  equals: "--where",
  descending: "--desc",
};

export async function runTableQuery(
  cli: CliContext,
  table: string | undefined,
  opts: TableQueryOptions,
): Promise<void> {
  const { answer: _kind, ...answer } = await queryTable(cli, requestOf(table, opts)).catch(
    (err: unknown) => {
      throw inOptionTerms(err);
    },
  );
  if (opts.json) cli.io.json(answer, 2);
  else printAnswer(cli, answer as RowsAnswer | GroupsAnswer);
}

function cell(value: Value): string {
  return value === null ? "" : String(value);
}

/** Aligned columns; every column but the last (the citations) is cut at 48 characters. */
function printColumns(cli: CliContext, lines: string[][]): void {
  const last = lines[0]!.length - 1;
  const fit = (c: string, j: number): string =>
    j < last && c.length > 48 ? c.slice(0, 47) + "…" : c;
  const widths = lines[0]!.map((_, j) => Math.max(...lines.map((l) => fit(l[j] ?? "", j).length)));
  for (const l of lines)
    cli.io.out(
      l
        .map((c, j) => fit(c, j).padEnd(j < last ? widths[j]! : 0))
        .join("  ")
        .trimEnd(),
    );
}

function printAnswer(cli: CliContext, answer: RowsAnswer | GroupsAnswer): void {
  const { io } = cli;
  if ("rows" in answer) {
    if (answer.rows.length === 0) io.out(`no rows in ${answer.table} match`);
    else {
      const names = Object.keys(answer.rows[0]!.values);
      const withCategory = answer.rows[0]!.category !== undefined;
      printColumns(cli, [
        [...names, ...(withCategory ? ["category"] : []), "source"],
        ...answer.rows.map((r) => [
          ...names.map((n) => cell(r.values[n] ?? null)),
          ...(withCategory ? [r.category ?? ""] : []),
          `${r.source.path}${r.source.sheet ? `#${r.source.sheet}` : ""}:${r.source.row}`,
        ]),
      ]);
      io.out(`${answer.rows.length} of ${answer.total} rows`);
    }
  } else {
    const aggregates = (["count", "sum", "avg", "min", "max"] as const).filter(
      (a) => a in (answer.groups[0] ?? {}),
    );
    const withCurrency = answer.groups.some((g) => g.currency);
    printColumns(cli, [
      [answer.group_by ?? "", ...(withCurrency ? ["currency"] : []), ...aggregates, "rows"],
      ...answer.groups.map((g) => [
        cell(g.key),
        ...(withCurrency ? [g.currency ?? ""] : []),
        ...aggregates.map((a) => cell(g[a] ?? null)),
        g.sources.map((s) => `${s.path}:${s.rows.join(",")}`).join(" ") +
          (g.more_rows ? ` +${g.more_rows}` : ""),
      ]),
    ]);
    io.out(`${answer.groups.length} of ${answer.total_groups} groups`);
  }
  for (const note of answer.notes) io.out(`note: ${note}`);
}

export async function runTableList(
  cli: CliContext,
  opts: { in?: string; limit?: string; json?: boolean },
): Promise<void> {
  const { io } = cli;
  const limit = number("--limit", opts.limit) ?? 100;
  const request = { list: true, limit, ...(opts.in ? { path: resolve(opts.in) } : {}) };
  const { answer: _kind, ...list } = (await queryTable(cli, request)) as {
    answer: "tables";
  } & TableList;
  if (opts.json) return io.json(list, 2);
  const t = list.transactions;
  io.out(
    `transactions: ${t.count} rows${t.first ? `, ${t.first} to ${t.last}` : ""}${t.currencies.length ? `, ${t.currencies.join(" ")}` : ""}`,
  );
  for (const table of list.tables) {
    const columns = table.columns.map(
      (c) =>
        `${c.name} (${c.type}${c.role && c.role !== c.name.toLowerCase() ? `, ${c.role}` : ""})`,
    );
    io.out(
      `${table.table}  ${table.rows} rows${table.transactions ? `, ${table.transactions} transactions` : ""}\n  ${columns.join(", ")}`,
    );
  }
  if (list.total > list.tables.length)
    io.out(`${list.tables.length} of ${list.total} tables (--limit for more)`);
}

export async function runTableCategories(cli: CliContext): Promise<void> {
  const { io } = cli;
  const userFile = resolveHearthPaths(cli.env).categoriesFile;
  const rules = await askHearth<CategoryRules>(cli, "table_categories", {}, (service) =>
    service.tableCategories(CLI_CALLER),
  );
  io.out(`rules in use: ${rules.file}`);
  if (rules.file !== userFile) io.out(`to change them, copy that file to ${userFile} and edit it`);
  for (const rule of rules.rules) io.out(`${rule.category}: ${rule.patterns.join(", ")}`);
}
