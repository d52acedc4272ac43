// A query without grouping: the matching rows, sorted and bounded, each citing its source row.
import type { Statements } from "../statements.js";
import { type QueryContext, type RowsAnswer, type SqlValue, present } from "./answer.js";
import { column, roleColumn } from "./table-source.js";

export function rowsAnswer(sql: Statements, ctx: QueryContext): RowsAnswer {
  const { source, query, where, category } = ctx;
  const hasDate = source.columns.some((c) => c.type === "date");
  const sortBy = query.sort ?? (hasDate ? "date" : null);
  const direction = query.descending ? "DESC" : "ASC";
  const sortColumn =
    sortBy === "date"
      ? roleColumn(source, "date", "sorting by date")
      : sortBy
        ? column(source, sortBy, "sort")
        : null;
  const order = sortColumn
    ? `${sortColumn.expr} ${direction}, f.path, ${source.rowExpr}`
    : `f.path, ${source.rowExpr} ${direction}`;
  const select = [
    "f.path AS path",
    "d.name AS sheet",
    `${source.rowExpr} AS row`,
    ...source.columns.map((c, i) => `${c.expr} AS c${i}`),
    ...(category ? [`${category.text} AS category`] : []),
    // The total rides along with the page, so the matching rows are found once.
    "count(*) OVER () AS total",
  ];
  const rows = sql
    .get(
      `SELECT ${select.join(", ")} FROM ${source.from} ${where.text}
       ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, query.limit, query.offset) as Record<string, SqlValue>[];
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : query.offset === 0
        ? 0
        : (sql
            .get(`SELECT count(*) FROM ${source.from} ${where.text}`)
            .pluck()
            .get(...where.params) as number);
  return {
    table: source.ref,
    total,
    rows: rows.map((r) => ({
      values: Object.fromEntries(source.columns.map((c, i) => [c.name, present(c, r[`c${i}`])])),
      ...(category ? { category: String(r.category) } : {}),
      source: {
        path: String(r.path),
        ...(r.sheet ? { sheet: String(r.sheet) } : {}),
        row: Number(r.row),
      },
    })),
    notes: ctx.notes,
  };
}
