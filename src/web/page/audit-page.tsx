// Which agent called which tool with which paths, and when; filtered, and exported as JSON or CSV.
import { useEffect, useState } from "preact/hooks";
import { errorText, get, query } from "./api";
import type { AuditEntry } from "./types";

const DAY_MS = 86_400_000;

export function AuditPage() {
  const [filter, setFilter] = useState({ client: "", tool: "", from: "", to: "" });
  const [answer, setAnswer] = useState<{
    entries: AuditEntry[];
    clients: string[];
    tools: string[];
  } | null>(null);
  const [error, setError] = useState("");
  const params = {
    client: filter.client,
    tool: filter.tool,
    since: filter.from ? Date.parse(filter.from) : 0,
    until: filter.to ? Date.parse(filter.to) + DAY_MS : undefined,
  };
  useEffect(() => {
    get<typeof answer & object>("audit", params)
      .then((a) => {
        setAnswer(a);
        setError("");
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, [filter]);
  const set = (key: keyof typeof filter) => (e: Event) =>
    setFilter({ ...filter, [key]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="audit-page">
      <h2>Audit log</h2>
      <form class="inline" onSubmit={(e) => e.preventDefault()}>
        <label>
          Client
          <select value={filter.client} onChange={set("client")}>
            <option value="">all</option>
            {answer?.clients.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tool
          <select value={filter.tool} onChange={set("tool")}>
            <option value="">all</option>
            {answer?.tools.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={filter.from} onChange={set("from")} />
        </label>
        <label>
          To
          <input type="date" value={filter.to} onChange={set("to")} />
        </label>
        <a href={`/api/audit/export${query({ ...params, format: "json" })}`} download>
          Export JSON
        </a>{" "}
        <a href={`/api/audit/export${query({ ...params, format: "csv" })}`} download>
          Export CSV
        </a>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {answer && answer.entries.length === 0 && <p>No tool calls match.</p>}
      {answer && answer.entries.length > 0 && (
        <table class="rows">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Client</th>
              <th scope="col">Tool</th>
              <th scope="col">Arguments</th>
              <th scope="col">Paths or refusal</th>
            </tr>
          </thead>
          <tbody>
            {answer.entries.map((e, i) => (
              <tr key={i}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>
                  {e.client}
                  {e.profile ? ` [${e.profile}]` : ""}
                </td>
                <td>{e.tool}</td>
                <td class="args">{JSON.stringify(e.arguments)}</td>
                <td class="path">{e.error ? `refused: ${e.error}` : e.paths.join("\n")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
