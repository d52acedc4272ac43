// Serves MCP from the daemon: its index, model and watchers behind the McpBackend seam, on a socket and HTTP.
import type { Server } from "node:net";
import type { Hearth } from "../hearth.js";
import type { Logger } from "../log.js";
import type { McpBackend } from "../mcp/backend.js";
import { listenMcpHttp, loadOrCreateToken } from "../mcp/http-server.js";
import { listenMcpSocket } from "../mcp/socket-server.js";
import { HEARTH_VERSION } from "../version.js";
import { listFiles, recentFiles, sourceSummaries } from "../store/catalog.js";
import { TableQueries } from "../table-query/table-queries.js";
import type { Daemon, daemonFiles } from "./daemon.js";

export function daemonBackend(daemon: Daemon, hearth: Hearth): McpBackend {
  const db = hearth.store.db;
  return {
    search: (request) => hearth.searcher.search(request),
    roots: () => daemon.rootPaths(),
    memoryDir: () => daemon.memoryDir,
    status: () => daemon.status(),
    sources: () => sourceSummaries(db, daemon.rootPaths()),
    recent: (sinceMs, limit, offset) => recentFiles(db, sinceMs, limit, offset),
    files: (limit, offset) => listFiles(db, limit, offset),
    indexNow: (path) => daemon.indexNow(path),
    audit: hearth.audit,
    extractor: hearth.indexDeps.extractor,
    tables: new TableQueries(db, hearth.paths.categoriesFile),
    onIndexChanged: (listener) => daemon.onIndexChanged(listener),
  };
}

export async function startMcp(
  daemon: Daemon,
  hearth: Hearth,
  files: ReturnType<typeof daemonFiles>,
  log: Logger,
): Promise<Server[]> {
  const backend = daemonBackend(daemon, hearth);
  const servers: Server[] = [
    await listenMcpSocket(files.mcpSocketFile, backend, HEARTH_VERSION, log),
  ];
  const http = hearth.config.mcp.http;
  if (http.enabled) {
    const token = loadOrCreateToken(files.tokenFile);
    servers.push(await listenMcpHttp(http.port, token, backend, HEARTH_VERSION, log));
    log.info("mcp http listening", { url: `http://127.0.0.1:${http.port}/mcp` });
  }
  return servers;
}
