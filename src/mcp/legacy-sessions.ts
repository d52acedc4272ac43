// 2025-era clients over HTTP, with sessions: an initialize opens a session whose server remembers
// the client (the audit log names it), GET opens its stream for list_changed, DELETE ends it.
// Sessions left idle are closed; there are at most a bounded number.
import { randomUUID } from "node:crypto";
import {
  createMcpHandler,
  type McpHttpHandler,
  type Server,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";

const MAX_SESSIONS = 64;
const IDLE_MS = 30 * 60_000;

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  used: number;
}

function jsonError(status: number, message: string): Response {
  return new Response(
    JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }),
    {
      status,
      headers: { "content-type": "application/json" },
    },
  );
}

async function isInitialize(request: Request): Promise<boolean> {
  try {
    const body = (await request.clone().json()) as { method?: unknown } | unknown[];
    return !Array.isArray(body) && body?.method === "initialize";
  } catch {
    return false;
  }
}

export class LegacySessions {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  private readonly stateless: McpHttpHandler;

  constructor(
    private readonly makeServer: () => Server,
    private readonly log: Logger,
  ) {
    this.stateless = createMcpHandler(makeServer, {
      legacy: "stateless",
      onerror: (err) => log.debug("mcp http error", { error: errorMessage(err) }),
    });
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async fetch(request: Request): Promise<Response> {
    const id = request.headers.get("mcp-session-id");
    if (id) {
      const session = this.sessions.get(id);
      if (!session)
        return jsonError(404, "no such session (it ended or expired): initialize again");
      session.used = Date.now();
      return session.transport.handleRequest(request);
    }
    if (request.method !== "POST")
      return jsonError(
        400,
        "send initialize first; then the mcp-session-id header it answers with",
      );
    // A request outside any session (a client that keeps none) is answered statelessly.
    if (!(await isInitialize(request))) return this.stateless.fetch(request);
    if (this.sessions.size >= MAX_SESSIONS) this.closeOldest();
    const server = this.makeServer();
    let opened: string | null = null;
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        opened = sid;
        this.sessions.set(sid, { transport, server, used: Date.now() });
      },
      onsessionclosed: (sid) => void this.end(sid),
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    if (opened === null) await server.close().catch(() => undefined); // it was no initialize
    return response;
  }

  /** Tells every session's client that the list of resources changed. */
  resourcesChanged(): void {
    for (const { server } of this.sessions.values())
      void server.sendResourceListChanged().catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.stateless.close();
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }

  private async end(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.server
      .close()
      .catch((err: unknown) =>
        this.log.debug("mcp session close failed", { error: errorMessage(err) }),
      );
  }

  private closeOldest(): void {
    const oldest = [...this.sessions].sort((a, b) => a[1].used - b[1].used)[0];
    if (oldest) void this.end(oldest[0]);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (now - session.used > IDLE_MS) void this.end(id);
  }
}
