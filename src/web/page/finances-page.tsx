// Where the money went: spending by category per month (stacked bars), the balance over time (a
// line), and the transactions behind them, each cited. Every figure is a query_table answer.
import { useEffect, useRef, useState } from "preact/hooks";
import { change, errorText } from "./api";
import { Chart, color } from "./charts";
import type { GroupsAnswer, RowsAnswer, Value } from "./types";

const PAGE = 50;

export interface Spending {
  months: string[];
  /** Per category (and currency, where statements differ): money spent each month, positive. */
  series: { label: string; category: string; currency: string; values: (number | null)[] }[];
}

interface RowFilter {
  from: string;
  to: string;
  text: string;
  category: string;
  flow: string;
  sort: string;
  descending: boolean;
  offset: number;
}

const query = <T,>(request: Record<string, unknown>) => change<T>("POST", "query-table", request);
const asNumber = (v: Value | undefined) => (typeof v === "number" ? v : 0);

/** The months of a YYYY-MM key: its first and last day. */
function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

async function loadSpending(from: string, to: string): Promise<Spending> {
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const categories = await query<GroupsAnswer>({
    group_by: "category",
    flow: "out",
    limit: 500,
    ...range,
  });
  // One group per category and currency: each category is asked for once.
  const names = [...new Set(categories.groups.map((g) => String(g.key)))];
  const perCategory = await Promise.all(
    names.map(async (category) => ({
      category,
      answer: await query<GroupsAnswer>({
        group_by: "month",
        flow: "out",
        category,
        limit: 500,
        ...range,
      }),
    })),
  );
  // A row without a date has no month to show.
  const months = [
    ...new Set(
      perCategory.flatMap((c) =>
        c.answer.groups.filter((g) => g.key !== null).map((g) => String(g.key)),
      ),
    ),
  ].sort();
  const currencies = new Set(
    perCategory.flatMap((c) => c.answer.groups.map((g) => g.currency ?? "")),
  );
  const series = perCategory.flatMap(({ category, answer }) => {
    const byCurrency = new Map<string, Map<string, number>>();
    for (const g of answer.groups) {
      const cur = g.currency ?? "";
      if (!byCurrency.has(cur)) byCurrency.set(cur, new Map());
      byCurrency.get(cur)!.set(String(g.key), -asNumber(g.sum));
    }
    return [...byCurrency].map(([cur, sums]) => ({
      label: currencies.size > 1 && cur ? `${category} (${cur})` : category,
      category,
      currency: cur,
      values: months.map((m) => sums.get(m) ?? null),
    }));
  });
  return { months, series };
}

function SpendingChart({
  spending,
  pick,
}: {
  spending: Spending;
  pick: (month: string, category: string) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: "bar",
      data: {
        labels: spending.months,
        datasets: spending.series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: color(i),
          // Amounts in different currencies are never added up: one stack per currency.
          stack: s.currency || "amount",
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, title: { display: true, text: "spent" } },
        },
        onClick: (_e, elements) => {
          const hit = elements[0];
          if (!hit) return;
          pick(spending.months[hit.index]!, spending.series[hit.datasetIndex]!.category);
        },
      },
    });
    return () => chart.destroy();
  }, [spending]);
  return (
    <div class="chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label="Spending by category per month, as stacked bars; the table below has the figures"
      />
    </div>
  );
}

function BalanceChart({ points }: { points: { date: string; balance: number }[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (points.length === 0) return;
    const chart = new Chart(canvas.current!, {
      type: "line",
      data: {
        labels: points.map((p) => p.date),
        datasets: [
          {
            label: "balance",
            data: points.map((p) => p.balance),
            borderColor: color(0),
            pointRadius: 2,
          },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false },
    });
    return () => chart.destroy();
  }, [points]);
  if (points.length === 0) return <p>No statement in this period prints a balance.</p>;
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label="Balance over time, as a line" />
    </div>
  );
}

function SpendingTable({
  spending,
  pick,
}: {
  spending: Spending;
  pick: (month: string, category: string) => void;
}) {
  return (
    <table class="figures" aria-label="Spending by category per month">
      <thead>
        <tr>
          <th scope="col">Category</th>
          {spending.months.map((m) => (
            <th scope="col" key={m}>
              {m}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {spending.series.map((s) => (
          <tr key={s.label}>
            <th scope="row">{s.label}</th>
            {s.values.map((v, i) => (
              <td class="num" key={i} data-month={spending.months[i]} data-category={s.category}>
                {v === null ? (
                  ""
                ) : (
                  <button
                    type="button"
                    class="link"
                    onClick={() => pick(spending.months[i]!, s.category)}
                  >
                    {v.toFixed(2)}
                  </button>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FinancesPage() {
  const [range, setRange] = useState({ from: "", to: "" });
  const [spending, setSpending] = useState<Spending | null>(null);
  const [balance, setBalance] = useState<{ date: string; balance: number }[]>([]);
  const [filter, setFilter] = useState<RowFilter>({
    from: "",
    to: "",
    text: "",
    category: "",
    flow: "",
    sort: "date",
    descending: true,
    offset: 0,
  });
  const [rows, setRows] = useState<RowsAnswer | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    loadSpending(range.from, range.to)
      .then(setSpending)
      .catch((err: unknown) => setError(errorText(err)));
    // The latest 500 rows (the most one answer holds), drawn oldest first.
    query<RowsAnswer>({
      sort: "date",
      descending: true,
      limit: 500,
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
    })
      .then((a) =>
        setBalance(
          [...a.rows]
            .reverse()
            .filter((r) => typeof r.values.balance === "number")
            .map((r) => ({ date: String(r.values.date), balance: r.values.balance as number })),
        ),
      )
      .catch((err: unknown) => setError(errorText(err)));
  }, [range]);

  useEffect(() => {
    const f = filter;
    query<RowsAnswer>({
      limit: PAGE,
      offset: f.offset,
      sort: f.sort,
      descending: f.descending,
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      ...(f.text ? { text: f.text } : {}),
      ...(f.category ? { category: f.category } : {}),
      ...(f.flow ? { flow: f.flow } : {}),
    })
      .then((a) => {
        setRows(a);
        setError("");
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, [filter]);

  const pick = (month: string, category: string) =>
    setFilter({ ...filter, ...monthRange(month), category, offset: 0 });
  const set = (key: keyof RowFilter) => (e: Event) =>
    setFilter({ ...filter, [key]: (e.currentTarget as HTMLInputElement).value, offset: 0 });
  const sortBy = (column: string) =>
    setFilter({
      ...filter,
      sort: column,
      descending: filter.sort === column ? !filter.descending : true,
      offset: 0,
    });

  return (
    <div class="finances-page">
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form class="inline" onSubmit={(e) => e.preventDefault()}>
        <label>
          Charts from
          <input
            type="date"
            value={range.from}
            onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
          />
        </label>
        <label>
          to
          <input
            type="date"
            value={range.to}
            onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
          />
        </label>
      </form>
      <section aria-label="Spending">
        <h2>Spending by category per month</h2>
        {spending && spending.months.length === 0 && <p>No spending in this period.</p>}
        {spending && spending.months.length > 0 && (
          <>
            <SpendingChart spending={spending} pick={pick} />
            <SpendingTable spending={spending} pick={pick} />
          </>
        )}
      </section>
      <section aria-label="Balance">
        <h2>Balance over time</h2>
        <BalanceChart points={balance} />
      </section>
      <section aria-label="Transactions">
        <h2>Transactions</h2>
        <form class="inline" onSubmit={(e) => e.preventDefault()}>
          <label>
            From
            <input type="date" value={filter.from} onChange={set("from")} />
          </label>
          <label>
            To
            <input type="date" value={filter.to} onChange={set("to")} />
          </label>
          <label>
            Text
            <input type="text" value={filter.text} onChange={set("text")} />
          </label>
          <label>
            Category
            <input type="text" value={filter.category} onChange={set("category")} />
          </label>
          <label>
            Flow
            <select value={filter.flow} onChange={set("flow")}>
              <option value="">all</option>
              <option value="out">money out</option>
              <option value="in">money in</option>
            </select>
          </label>
        </form>
        {rows && (
          <>
            <table class="rows">
              <thead>
                <tr>
                  <th scope="col">
                    <button type="button" class="link" onClick={() => sortBy("date")}>
                      Date
                    </button>
                  </th>
                  <th scope="col">Description</th>
                  <th scope="col">Category</th>
                  <th scope="col">
                    <button type="button" class="link" onClick={() => sortBy("amount")}>
                      Amount
                    </button>
                  </th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {rows.rows.map((r) => (
                  <tr key={`${r.source.path}#${r.source.row}`}>
                    <td>{String(r.values.date ?? "")}</td>
                    <td>{String(r.values.description ?? "")}</td>
                    <td>{r.category ?? ""}</td>
                    <td class="num">
                      {typeof r.values.amount === "number" ? r.values.amount.toFixed(2) : ""}{" "}
                      {String(r.values.currency ?? "")}
                    </td>
                    <td class="path">
                      {r.source.path}
                      {r.source.sheet ? `#${r.source.sheet}` : ""} row {r.source.row}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="pager">
              {rows.total === 0
                ? "No transactions match."
                : `${filter.offset + 1}–${filter.offset + rows.rows.length} of ${rows.total}`}{" "}
              <button
                type="button"
                disabled={filter.offset === 0}
                onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - PAGE) })}
              >
                Previous
              </button>{" "}
              <button
                type="button"
                disabled={filter.offset + PAGE >= rows.total}
                onClick={() => setFilter({ ...filter, offset: filter.offset + PAGE })}
              >
                Next
              </button>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
