// `hearth mcp` (stdio bridge to the daemon, started on demand), `hearth mcp token`, `hearth mcp config CLIENT`.
import { mkdirSync } from "node:fs";
import { loadConfig } from "../../config/load-config.js";
import { resolveHearthPaths } from "../../config/paths.js";
import { daemonFiles } from "../../daemon/daemon.js";
import { HearthError } from "../../errors.js";
import { bridgeStdio, connectMcpSocket } from "../../mcp/bridge.js";
import { loadOrCreateToken } from "../../mcp/http-server.js";
import { mcpClientConfig, MCP_CLIENTS } from "../../mcp/client-config.js";
import { findDaemon } from "../daemon-client.js";
import { startDetached } from "./daemon-commands.js";
import { selfCommand } from "../self-command.js";

export async function runMcp(): Promise<void> {
  const paths = resolveHearthPaths();
  // One daemon serves every client: it holds the index and the model; this process only relays bytes.
  if (!findDaemon(paths)) await startDetached(paths);
  const socket = await connectMcpSocket(daemonFiles(paths.dataDir).mcpSocketFile);
  await bridgeStdio(socket);
}

export function runMcpToken(): void {
  const paths = resolveHearthPaths();
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  console.log(loadOrCreateToken(daemonFiles(paths.dataDir).tokenFile));
}

export function runMcpConfig(client: string, opts: { http?: boolean }): void {
  if (!(MCP_CLIENTS as readonly string[]).includes(client)) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `unknown client ${JSON.stringify(client)}`,
      `use one of: ${MCP_CLIENTS.join(", ")}`,
    );
  }
  const paths = resolveHearthPaths();
  const env: Record<string, string> = process.env.HEARTH_HOME
    ? { HEARTH_HOME: process.env.HEARTH_HOME }
    : {};
  const command = selfCommand("mcp");
  let http: { url: string; token: string } | undefined;
  if (opts.http) {
    const config = loadConfig(paths.configFile);
    mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
    http = {
      url: `http://127.0.0.1:${config.mcp.http.port}/mcp`,
      token: loadOrCreateToken(daemonFiles(paths.dataDir).tokenFile),
    };
    if (!config.mcp.http.enabled)
      console.error(
        `note: set mcp.http.enabled to true in ${paths.configFile} and restart the daemon`,
      );
  }
  console.log(mcpClientConfig(client as (typeof MCP_CLIENTS)[number], command, env, http));
}
