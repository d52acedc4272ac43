// Tests: MCP over streamable HTTP from the daemon.
import { request } from "node:http";
import type { Socket } from "node:net";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { freePort } from "../helpers.js";
import { runCli } from "../cli/run-cli.js";
import { waitFor } from "../daemon/converge.js";

function post(port: number, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/mcp",
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let host: DaemonHost;
let port: number;
let token: string;
let env: NodeJS.ProcessEnv;
let root: string;

describe("MCP over streamable HTTP from the daemon", () => {
  beforeAll(async () => {
    root = tempDir();
    writeTree(root, NOTES);
    port = await freePort();
    const home = makeHome({
      model: true,
      config: { roots: [root], mcp: { http: { enabled: true, port } } },
    });
    env = home.env;
    const hearth = await openTestHearth(env);
    host = await startDaemonHost(hearth, silentLogger);
    await host.daemon.settled();
    const tokenFile = daemonFiles(home.home).tokenFile;
    token = readFileSync(tokenFile, "utf8").trim();
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
  });
  afterAll(() => host.stop());

  it("refuses requests without the token (401), and foreign Host or Origin (403)", async () => {
    const host = `127.0.0.1:${port}`;
    expect(await post(port, { host })).toBe(401);
    expect(await post(port, { host, authorization: "Bearer wrong" })).toBe(401);
    expect(
      await post(port, { host: `evil.example:${port}`, authorization: `Bearer ${token}` }),
    ).toBe(403);
    expect(
      await post(port, { host, origin: "https://evil.example", authorization: `Bearer ${token}` }),
    ).toBe(403);
    expect(
      await post(port, {
        host,
        origin: `http://localhost:${port}`,
        authorization: `Bearer ${token}`,
      }),
    ).toBe(200);
  });

  for (const era of ["2025-11-25", "2026-07-28"] as const) {
    it(`serves a ${era} client with the token`, async () => {
      const client = new Client(
        { name: "http-test", version: "1" },
        era === "2026-07-28" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {},
      );
      const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      });
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("search");
      const result = (await client.callTool({
        name: "search",
        arguments: { query: "apartment lease" },
      })) as {
        structuredContent: { results: { path: string }[] };
      };
      expect(result.structuredContent.results[0]?.path).toBe(join(root, "home/lease.md"));
      await client.close();
    });
  }

  it("notifies a 2026-07-28 HTTP client of list_changed when a file is added", async () => {
    let changed = 0;
    const client = new Client(
      { name: "http-listen", version: "1" },
      {
        versionNegotiation: { mode: { pin: "2026-07-28" } },
        listChanged: { resources: { autoRefresh: false, onChanged: () => changed++ } },
      },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    await new Promise((r) => setTimeout(r, 300)); // the subscription stream opens
    writeFileSync(join(root, "arrived-over-http.md"), "A file the HTTP client hears about.\n");
    await waitFor(() => changed > 0, 10_000);
    await client.close();
  });

  it("answers a missing token with a bearer challenge that names `hearth mcp token`", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await res.text()).toMatch(/hearth mcp token/);
  });

  it("gives 2025-11-25 HTTP clients a session: list_changed arrives, the audit names them", async () => {
    let changed = 0;
    const client = new Client(
      { name: "legacy-http", version: "7" },
      { listChanged: { resources: { autoRefresh: false, onChanged: () => changed++ } } },
    );
    const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
    await client.connect(transport);
    expect(transport.sessionId).toBeTruthy();
    await client.callTool({ name: "search", arguments: { query: "lease" } });
    expect(host.service.ctx.store.audit.since(0)[0]).toMatchObject({
      tool: "search",
      client: "legacy-http 7",
    });
    // The session's own stream (GET /mcp) carries notifications.
    await waitFor(async () => {
      writeFileSync(join(root, `legacy-${Date.now()}.md`), "a file a 2025 client hears about\n");
      await waitFor(() => changed > 0, 2000).catch(() => undefined);
      return changed > 0;
    }, 20_000);
    await client.close();
  });

  it("bounds connections, and closes the ones left idle", async () => {
    const { listenMcpHttp } = await import("../../src/mcp/http-server.js");
    const { connect } = await import("node:net");
    const limitedPort = await freePort();
    const server = await listenMcpHttp(limitedPort, token, host.service, "test", silentLogger, {
      limits: { maxConnections: 10, idleMs: 300, headersMs: 1000 },
    });
    try {
      const sockets = await Promise.all(
        Array.from(
          { length: 30 },
          () =>
            new Promise<Socket>((resolve) => {
              const socket = connect(limitedPort, "127.0.0.1", () => resolve(socket));
              socket.on("error", () => undefined);
            }),
        ),
      );
      const closed = () => sockets.filter((s) => s.destroyed || s.readableEnded).length;
      // Past the limit, connections are dropped; idle ones are closed after the idle time.
      for (const s of sockets) s.on("close", () => undefined).resume();
      await waitFor(() => closed() === 30, 10_000);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("hearth mcp token and mcp config --http give the same token and URL", () => {
    expect(runCli(["mcp", "token"], env).stdout.trim()).toBe(token);
    const vscode = runCli(["mcp", "config", "vscode", "--http"], env);
    expect(vscode.stdout).toContain(`"url": "http://127.0.0.1:${port}/mcp"`);
    expect(vscode.stdout).toContain(`"Authorization": "Bearer ${token}"`);
    for (const client of ["claude-desktop", "claude-code", "vscode", "cursor", "zed"]) {
      const stdio = runCli(["mcp", "config", client], env);
      expect(stdio.code, client).toBe(0);
      expect(stdio.stdout, client).toMatch(/bin\.js.*mcp|"mcp"/s);
      // stdout is exactly the snippet: JSON that parses, or the one command to run.
      if (client === "claude-code") expect(stdio.stdout.trim().split("\n")).toHaveLength(1);
      else expect(() => JSON.parse(stdio.stdout) as unknown, client).not.toThrow();
      expect(stdio.stderr, client).toMatch(/^[a-z-]+: (put|merge|run)/);
    }
    expect(JSON.parse(vscode.stdout)).toMatchObject({ servers: { hearth: { type: "http" } } });
    const desktopHttp = runCli(["mcp", "config", "claude-desktop", "--http"], env);
    expect(desktopHttp.code).toBe(2);
    expect(desktopHttp.stderr).toMatch(/over stdio: drop --http/);
    const bad = runCli(["mcp", "config", "emacs"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/use one of: claude-desktop/);
  });
});
