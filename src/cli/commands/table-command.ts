// `hearth table list | query | categories`: statements and spreadsheets as tables, from the terminal.
import { resolve } from "node:path";
import { HearthError } from "../../errors.js";
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import type { GroupsAnswer, RowsAnswer, Value } from "../../table-query/run-query.js";
import { AGGREGATES, type TableQueryInput, tableQuerySchema } from "../../table-query/spec.js";
import { TableQueries } from "../../table-query/table-queries.js";

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

async function withTables<T>(log: Logger, work: (tables: TableQueries) => T): Promise<T> {
  const hearth = await openHearth({ log, readonly: true, loadModel: false });
  try {
    return work(new TableQueries(hearth.store.db, hearth.paths.categoriesFile));
  } finally {
    await hearth.close();
  }
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
  table: string | undefined,
  opts: TableQueryOptions,
  log: Logger,
): Promise<void> {
  const parsed = tableQuerySchema.safeParse(requestOf(table, opts));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? "");
    throw new HearthError("BAD_ARGUMENT", `${OPTION_OF[key] ?? `--${key}`}: ${issue.message}`);
  }
  const answer = await withTables(log, (tables) => tables.query(parsed.data));
  if (opts.json) console.log(JSON.stringify(answer, null, 2));
  else printAnswer(answer);
}

function cell(value: Value): string {
  return value === null ? "" : String(value);
}

/** Aligned columns; every column but the last (the citations) is cut at 48 characters. */
function printColumns(lines: string[][]): void {
  const last = lines[0]!.length - 1;
  const fit = (c: string, j: number): string =>
    j < last && c.length > 48 ? c.slice(0, 47) + "…" : c;
  const widths = lines[0]!.map((_, j) => Math.max(...lines.map((l) => fit(l[j] ?? "", j).length)));
  for (const l of lines)
    console.log(
      l
        .map((c, j) => fit(c, j).padEnd(j < last ? widths[j]! : 0))
        .join("  ")
        .trimEnd(),
    );
}

function printAnswer(answer: RowsAnswer | GroupsAnswer): void {
  if ("rows" in answer) {
    if (answer.rows.length === 0) console.log(`no rows in ${answer.table} match`);
    else {
      const names = Object.keys(answer.rows[0]!.values);
      const withCategory = answer.rows[0]!.category !== undefined;
      printColumns([
        [...names, ...(withCategory ? ["category"] : []), "source"],
        ...answer.rows.map((r) => [
          ...names.map((n) => cell(r.values[n] ?? null)),
          ...(withCategory ? [r.category ?? ""] : []),
          `${r.source.path}${r.source.sheet ? `#${r.source.sheet}` : ""}:${r.source.row}`,
        ]),
      ]);
      console.log(`${answer.rows.length} of ${answer.total} rows`);
    }
  } else {
    const aggregates = (["count", "sum", "avg", "min", "max"] as const).filter(
      (a) => a in (answer.groups[0] ?? {}),
    );
    const withCurrency = answer.groups.some((g) => g.currency);
    printColumns([
      [answer.group_by ?? "", ...(withCurrency ? ["currency"] : []), ...aggregates, "rows"],
      ...answer.groups.map((g) => [
        cell(g.key),
        ...(withCurrency ? [g.currency ?? ""] : []),
        ...aggregates.map((a) => cell(g[a] ?? null)),
        g.sources.map((s) => `${s.path}:${s.rows.join(",")}`).join(" ") +
          (g.more_rows ? ` +${g.more_rows}` : ""),
      ]),
    ]);
    console.log(`${answer.groups.length} of ${answer.total_groups} groups`);
  }
  for (const note of answer.notes) console.log(`note: ${note}`);
}

export async function runTableList(
  opts: { in?: string; limit?: string; json?: boolean },
  log: Logger,
): Promise<void> {
  const limit = number("--limit", opts.limit) ?? 100;
  const list = await withTables(log, (tables) =>
    tables.list(limit, 0, opts.in ? resolve(opts.in) : undefined),
  );
  if (opts.json) return console.log(JSON.stringify(list, null, 2));
  const t = list.transactions;
  console.log(
    `transactions: ${t.count} rows${t.first ? `, ${t.first} to ${t.last}` : ""}${t.currencies.length ? `, ${t.currencies.join(" ")}` : ""}`,
  );
  for (const table of list.tables) {
    const columns = table.columns.map(
      (c) =>
        `${c.name} (${c.type}${c.role && c.role !== c.name.toLowerCase() ? `, ${c.role}` : ""})`,
    );
    console.log(
      `${table.table}  ${table.rows} rows${table.transactions ? `, ${table.transactions} transactions` : ""}\n  ${columns.join(", ")}`,
    );
  }
  if (list.total > list.tables.length)
    console.log(`${list.tables.length} of ${list.total} tables (--limit for more)`);
}

export async function runTableCategories(log: Logger, userFile: string): Promise<void> {
  const rules = await withTables(log, (tables) => tables.categories());
  console.log(`rules in use: ${rules.file}`);
  if (rules.file !== userFile)
    console.log(`to change them, copy that file to ${userFile} and edit it`);
  for (const rule of rules.rules) console.log(`${rule.category}: ${rule.patterns.join(", ")}`);
}
