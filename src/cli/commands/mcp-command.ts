// `hearth mcp` (stdio bridge to the daemon, started on demand), `hearth mcp token`, `hearth mcp config CLIENT`.
import { mkdirSync } from "node:fs";
import { daemonFiles, resolveHearthPaths } from "../../config/paths.js";
import { HearthError } from "../../errors.js";
import { runBridge } from "../../mcp/bridge.js";
import { MCP_CLIENTS, mcpClientConfig } from "../../mcp/client-config.js";
import { loadOrCreateToken } from "../../mcp/token.js";
import { findDaemon } from "../daemon-client.js";
import type { CliContext } from "../context.js";
import { selfCommand } from "../self-command.js";
import { startDetached } from "../start-detached.js";

export async function runMcp(cli: CliContext): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const startDaemon = async () => void (await startDetached(paths, cli.env));
  // One daemon serves every client: it holds the index and the model; this process only relays.
  if (!findDaemon(paths)) await startDaemon();
  cli.exitCode = await runBridge({
    socketPath: daemonFiles(paths.dataDir).mcpSocketFile,
    startDaemon,
    input: cli.io.stdin,
    output: cli.io.stdout,
    errors: cli.io.stderr,
  });
}

export function runMcpToken(cli: CliContext): void {
  const paths = resolveHearthPaths(cli.env);
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  cli.io.out(loadOrCreateToken(daemonFiles(paths.dataDir).tokenFile));
}

export async function runMcpConfig(
  cli: CliContext,
  client: string,
  opts: { http?: boolean },
): Promise<void> {
  if (!(MCP_CLIENTS as readonly string[]).includes(client)) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `unknown client ${JSON.stringify(client)}`,
      `use one of: ${MCP_CLIENTS.join(", ")}`,
    );
  }
  const paths = resolveHearthPaths(cli.env);
  const env: Record<string, string> = cli.env.HEARTH_HOME
    ? { HEARTH_HOME: cli.env.HEARTH_HOME }
    : {};
  const command = selfCommand("mcp");
  let http: { url: string; token: string } | undefined;
  if (opts.http) {
    const { loadConfig } = await import("../../config/load-config.js");
    const config = loadConfig(paths.configFile);
    mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
    http = {
      url: `http://127.0.0.1:${config.mcp.http.port}/mcp`,
      token: loadOrCreateToken(daemonFiles(paths.dataDir).tokenFile),
    };
    if (!config.mcp.http.enabled)
      cli.io.err(
        `note: set mcp.http.enabled to true in ${paths.configFile} and restart the daemon`,
      );
  }
  // stdout holds exactly the snippet (so `> mcp.json` works); where it goes is said on stderr.
  const snippet = mcpClientConfig(client as (typeof MCP_CLIENTS)[number], command, env, http);
  if ("refused" in snippet) throw new HearthError("BAD_ARGUMENT", snippet.refused);
  cli.io.err(`${client}: ${snippet.where}`);
  cli.io.out(snippet.text);
}
