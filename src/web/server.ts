// The local page, served by the daemon on 127.0.0.1: a one-time code from `hearth open` becomes a
// session cookie; Host and Origin are checked as for MCP; every change carries the session's CSRF
// token; a strict Content-Security-Policy leaves no way to run anything but the page's own script.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HearthError, errorMessage } from "../errors.js";
import { foreignRequest, listenLoopback } from "../http/loopback.js";
import type { Logger } from "../log.js";
import { WEB_CALLER } from "../service/caller.js";
import type { HearthService } from "../service/service.js";
import { apiRoutes, type WebControls } from "./api.js";
import { type Asset, loadAssets, webAssetsDir } from "./assets.js";
import { auditCsv, auditJson, auditPages } from "./audit-export.js";
import { refusalPage } from "./refusal-page.js";
import { sameSecret, type WebSession, WebSessions } from "./sessions.js";

export type { WebControls };

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};
const MAX_BODY_BYTES = 1_000_000;
const STATUS_EVERY_MS = 1000;

export interface WebServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** A link that signs the browser in once, within two minutes. */
  link(): string;
  readonly server: Server;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value), {
    "cache-control": "no-store",
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string, fix = "") {
  res.setHeader("x-hearth-refusal", code);
  sendJson(res, status, { error: { code, message, ...(fix ? { fix } : {}) } });
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  send(res, 200, asset.type, gzip ? asset.gzip : asset.body, {
    "cache-control": "no-cache",
    vary: "accept-encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new HearthError("BAD_ARGUMENT", `the request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new HearthError("BAD_ARGUMENT", "the request body is not JSON");
  }
}

/** A refusal of what was asked is the request's fault (400), but for a tool a profile may not use. */
const statusOf = (err: HearthError) => (err.code === "TOOL_NOT_ALLOWED" ? 403 : 400);

export async function listenWeb(options: {
  port: number;
  service: HearthService;
  controls: WebControls;
  log: Logger;
  assetsDir?: string;
}): Promise<WebServer> {
  const { port, service, log } = options;
  const assets = loadAssets(options.assetsDir ?? webAssetsDir());
  if (!assets.has("/")) log.warn("web page not built: run npm run build", {});
  const sessions = new WebSessions();
  const routes = apiRoutes(service, options.controls);
  const cookieName = `hearth_${port}`;
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** A request the browser made for our own page (or typed in): not another site or port's. */
  const fromPage = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return false;
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  };

  /** A change must come from the page itself: its own origin, and the session's CSRF token. */
  const sameSite = (req: IncomingMessage, session: WebSession) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return false;
    if (origin === undefined && req.headers["sec-fetch-site"] === "cross-site") return false;
    const csrf = req.headers["x-hearth-csrf"];
    return typeof csrf === "string" && sameSecret(csrf, session.csrf);
  };

  const login = (res: ServerResponse, code: string | null) => {
    const session = code ? sessions.redeem(code) : null;
    if (!session)
      return send(res, 401, "text/html; charset=utf-8", refusalPage("used or expired link"));
    send(res, 303, "text/plain; charset=utf-8", "signed in", {
      location: "/",
      "set-cookie": `${cookieName}=${session.id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${7 * 86400}`,
      "cache-control": "no-store",
    });
  };

  const events = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": "text/event-stream",
      "cache-control": "no-store",
    });
    let last = "";
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const push = async () => {
      const now = JSON.stringify(await service.status(WEB_CALLER));
      if (closed) return;
      if (now !== last) res.write(`event: status\ndata: ${now}\n\n`);
      else res.write(": idle\n\n");
      last = now;
    };
    const failed = (err: unknown) => log.debug("web events failed", { error: errorMessage(err) });
    // The next push is timed from the end of this one: a slow status never piles pushes up.
    const tick = () =>
      void push()
        .catch(failed)
        .finally(() => {
          if (!closed) timer = setTimeout(tick, STATUS_EVERY_MS);
        });
    tick();
    req.on("close", () => {
      closed = true;
      clearTimeout(timer);
    });
  };

  const exportAudit = async (res: ServerResponse, query: URLSearchParams) => {
    const format = query.get("format") === "csv" ? "csv" : "json";
    const since = Number(query.get("since") ?? 0) || 0;
    const filter = Object.fromEntries(
      ["client", "tool"].flatMap((k) => (query.get(k) ? [[k, query.get(k)]] : [])),
    );
    const until = query.get("until") ? Number(query.get("until")) : undefined;
    // All of it, a page at a time, written as it is read (waiting while the browser catches up):
    // a long log is never held whole. The first page is read before anything is sent, so a bad
    // filter is a 400; a failure later breaks the download rather than ending it as if complete.
    const pages = auditPages(service, { since, until, ...filter });
    let page = await pages.next();
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="hearth-audit.${format}"`,
      "cache-control": "no-store",
    });
    let first = true;
    try {
      for (; !page.done; page = await pages.next()) {
        const text = format === "csv" ? auditCsv(page.value, first) : auditJson(page.value, first);
        first = false;
        if (!res.write(text)) await once(res, "drain");
      }
      res.end(format === "csv" ? (first ? auditCsv([], true) : "") : first ? "[]" : "\n]\n");
    } catch (err) {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const foreign = foreignRequest(req.headers);
    if (foreign) return send(res, 403, "text/plain; charset=utf-8", foreign);
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://127.0.0.1");
    } catch {
      return send(res, 400, "text/plain; charset=utf-8", "bad request target");
    }
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname.startsWith("/assets/")) {
      const asset = assets.get(url.pathname);
      return asset ? sendAsset(req, res, asset) : send(res, 404, "text/plain", "not found");
    }
    if (method === "GET" && url.pathname === "/login")
      return login(res, url.searchParams.get("code"));
    const session = sessions.find(cookie(req, cookieName));
    const api = url.pathname.startsWith("/api/");
    if (!session)
      return api
        ? sendError(
            res,
            401,
            "NO_SESSION",
            "no session",
            "run `hearth open` to sign this browser in",
          )
        : send(res, 401, "text/html; charset=utf-8", refusalPage("no session"));
    if (!api) {
      const page = assets.get("/");
      if (method !== "GET" || !page) return send(res, 404, "text/plain", "not found");
      return sendAsset(req, res, page);
    }
    // Reads too come only from the page itself: another site or another port on this machine
    // (same-site to the browser, so the cookie goes along) gets nothing run for it.
    if (!fromPage(req))
      return sendError(res, 403, "FOREIGN_ORIGIN", "the API answers the page itself only");
    if (method !== "GET" && !sameSite(req, session))
      return sendError(
        res,
        403,
        "CSRF",
        "a change must come from the page itself",
        "send the x-hearth-csrf header from /api/session, from the page's own origin",
      );
    if (url.pathname === "/api/session") return sendJson(res, 200, { csrf: session.csrf });
    if (url.pathname === "/api/events" && method === "GET") return events(req, res);
    if (url.pathname === "/api/audit/export" && method === "GET")
      return exportAudit(res, url.searchParams);
    const route = routes.get(`${method} ${url.pathname}`);
    if (!route) return sendError(res, 404, "NO_ROUTE", `no ${method} ${url.pathname}`);
    if (method !== "GET" && !/^application\/json\b/.test(req.headers["content-type"] ?? ""))
      return sendError(res, 415, "BAD_ARGUMENT", "send the body as application/json");
    const body = method === "GET" ? undefined : await readJson(req);
    sendJson(res, 200, await route({ query: url.searchParams, body }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      if (err instanceof HearthError)
        return sendError(
          res,
          statusOf(err),
          err.code,
          err.message.split("\n  fix: ")[0]!,
          err.hint,
        );
      log.warn("web request failed", { path: req.url, error: errorMessage(err) });
      sendError(res, 500, "INTERNAL", "internal error (the daemon's log has the details)");
    });
  });
  await listenLoopback(server, port);
  const url = `http://127.0.0.1:${port}/`;
  return { url, server, link: () => `${url}login?code=${sessions.mintCode()}` };
}
