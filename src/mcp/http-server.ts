// Streamable HTTP MCP from the daemon: 127.0.0.1 only, a bearer token, and foreign Host/Origin refused.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import type { HearthService } from "../service/service.js";
import { createMcpServer, notifyOnIndexChange } from "./server.js";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function hostname(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export async function listenMcpHttp(
  port: number,
  token: string,
  service: HearthService,
  version: string,
  log: Logger,
): Promise<Server> {
  // Both eras on one endpoint: 2026-07-28 per-request envelopes, 2025 clients served statelessly.
  const handler = createMcpHandler(() => createMcpServer({ service, version, log }), {
    legacy: "stateless",
    onerror: (err) => log.debug("mcp http error", { error: errorMessage(err) }),
  });
  const serve = toNodeHandler(handler);
  const unsubscribe = notifyOnIndexChange(service, () => handler.notify.resourcesChanged());
  const server = createServer((req, res) => {
    // DNS rebinding and cross-site requests: only a local Host, and a local Origin if a browser sent one.
    const host = hostname(req.headers.host);
    if (!host || !LOCAL_HOSTS.has(host)) return refuse(res, 403, "forbidden Host");
    const origin = req.headers.origin;
    if (origin !== undefined && !LOCAL_HOSTS.has(hostname(origin) ?? ""))
      return refuse(res, 403, "forbidden Origin");
    if (!authorized(req, token))
      return refuse(res, 401, "missing or wrong bearer token (see `hearth mcp token`)");
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/mcp")
      return refuse(res, 404, "the endpoint is /mcp");
    serve(req, res).catch((err: unknown) => {
      log.warn("mcp http request failed", { error: errorMessage(err) });
      if (!res.headersSent) refuse(res, 500, "internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  server.on("close", () => {
    unsubscribe();
    void handler.close();
  });
  return server;
}
