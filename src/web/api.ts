// The page's JSON API: each route is one service call with the user in the browser as the caller,
// so search, tables, status, memory and the audit log answer exactly as over MCP and the CLI.
import type { ModelCatalog } from "../embed/model-catalog.js";
import { HearthError } from "../errors.js";
import { WEB_CALLER } from "../service/caller.js";
import type { HearthService } from "../service/service.js";

/** What the page may ask of the daemon itself, provided where the process is assembled. */
export interface WebControls {
  /** The folders the config watches (the memory folder is not one of them). */
  roots(): { roots: string[] };
  addRoot(path: string): Promise<{ roots: string[] }>;
  removeRoot(path: string): Promise<{ roots: string[] }>;
  models(): ModelCatalog;
  useModel(path: string): Promise<unknown>;
  /** Starts downloading a model (a preset name, hf:…, a URL); one at a time. */
  pullModel(source: string): { started: boolean; state: unknown };
  /** The latest download's progress, or how it ended; null before the first. */
  pullState(): unknown;
}

export interface ApiRequest {
  query: URLSearchParams;
  /** The parsed JSON body of a change; undefined for a read. */
  body: unknown;
}

type Route = (req: ApiRequest) => Promise<unknown>;

/** The query parameters that are set, as strings. */
function present(query: URLSearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null && value !== "") out[name] = value;
  }
  return out;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new HearthError("BAD_ARGUMENT", `${name} must be a whole number, not ${value}`);
  return n;
}

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== "string" || value === "")
    throw new HearthError("BAD_ARGUMENT", `send {"${name}": "…"} as the JSON body`);
  return value;
}

function searchRequest(query: URLSearchParams): Record<string, unknown> {
  const p = present(query, ["q", "mode", "path", "kinds", "after", "before", "limit", "sort"]);
  return {
    query: p.q ?? "",
    ...(p.mode ? { mode: p.mode } : {}),
    ...(p.path ? { path: p.path } : {}),
    ...(p.kinds ? { kinds: p.kinds.split(",") } : {}),
    ...(p.after ? { modifiedAfter: p.after } : {}),
    ...(p.before ? { modifiedBefore: p.before } : {}),
    ...(p.sort ? { sort: p.sort } : {}),
    limit: integer("limit", p.limit) ?? 20,
  };
}

function auditRequest(query: URLSearchParams): Record<string, unknown> {
  const p = present(query, ["since", "until", "client", "tool", "limit"]);
  return {
    since: integer("since", p.since) ?? 0,
    ...(p.until ? { until: integer("until", p.until) } : {}),
    ...(p.client ? { client: p.client } : {}),
    ...(p.tool ? { tool: p.tool } : {}),
    ...(p.limit ? { limit: integer("limit", p.limit) } : {}),
  };
}

export function apiRoutes(service: HearthService, controls: WebControls): Map<string, Route> {
  const user = WEB_CALLER;
  return new Map<string, Route>([
    ["GET /api/search", ({ query }) => service.search(user, searchRequest(query))],
    [
      "GET /api/read",
      ({ query }) => {
        const p = present(query, ["path", "start", "end", "page"]);
        return service.read(user, {
          path: p.path,
          ...(p.page ? { page: integer("page", p.page) } : {}),
          ...(p.start ? { startLine: integer("start", p.start) } : {}),
          ...(p.end ? { endLine: integer("end", p.end) } : {}),
        });
      },
    ],
    ["GET /api/status", () => service.status(user)],
    ["GET /api/sources", () => service.sources(user, {})],
    ["GET /api/doctor", ({ query }) => service.doctor(user, { path: query.get("path") ?? "" })],
    ["GET /api/ignore-rules", () => service.ignoreRules(user)],
    ["GET /api/roots", () => Promise.resolve(controls.roots())],
    ["POST /api/roots", ({ body }) => controls.addRoot(field(body, "path"))],
    ["DELETE /api/roots", ({ body }) => controls.removeRoot(field(body, "path"))],
    ["POST /api/query-table", ({ body }) => service.queryTable(user, body)],
    ["GET /api/table-categories", () => service.tableCategories(user)],
    [
      "GET /api/memory",
      ({ query }) => service.memoryNotes(user, { superseded: query.get("superseded") === "1" }),
    ],
    ["POST /api/memory", ({ body }) => service.remember(user, body)],
    ["DELETE /api/memory", ({ body }) => service.forget(user, body)],
    ["GET /api/audit", ({ query }) => service.auditLog(user, auditRequest(query))],
    ["GET /api/models", () => Promise.resolve(controls.models())],
    ["POST /api/models/use", ({ body }) => controls.useModel(field(body, "path"))],
    [
      "POST /api/models/pull",
      ({ body }) => Promise.resolve(controls.pullModel(field(body, "source"))),
    ],
    ["GET /api/models/pull", () => Promise.resolve({ pull: controls.pullState() })],
  ]);
}
