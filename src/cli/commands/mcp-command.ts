// `hearth mcp` (stdio bridge to the daemon, started on demand), `hearth mcp token`, `hearth mcp config CLIENT`.
import { mkdirSync } from "node:fs";
import { daemonFiles, resolveHearthPaths } from "../../config/paths.js";
import { HearthError } from "../../errors.js";
import { runBridge } from "../../mcp/bridge.js";
import { MCP_CLIENTS, mcpClientConfig } from "../../mcp/client-config.js";
import {
  createProfileToken,
  listProfileTokens,
  revokeProfileToken,
} from "../../mcp/profile-tokens.js";
import { loadOrCreateToken } from "../../mcp/token.js";
import { findDaemon } from "../daemon-client.js";
import type { CliContext } from "../context.js";
import { selfCommand } from "../self-command.js";
import { startDetached } from "../start-detached.js";

/** A profile the config defines, or a refusal that lists those it does. */
async function checkProfile(configFile: string, profile: string): Promise<void> {
  const [{ loadConfig }, { Scopes }] = await Promise.all([
    import("../../config/load-config.js"),
    import("../../service/scope.js"),
  ]);
  new Scopes(loadConfig(configFile).profiles).profile(profile);
}

export async function runMcp(cli: CliContext, opts: { profile?: string } = {}): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const startDaemon = async () => void (await startDetached(paths, cli.env));
  // One daemon serves every client: it holds the index and the model; this process only relays.
  if (!findDaemon(paths)) await startDaemon();
  cli.exitCode = await runBridge({
    socketPath: daemonFiles(paths.dataDir).mcpSocketFile,
    profile: opts.profile ?? null,
    startDaemon,
    input: cli.io.stdin,
    output: cli.io.stdout,
    errors: cli.io.stderr,
  });
}

/** The token for everything, or a new one for a profile (its secret is shown this once). */
export async function runMcpToken(cli: CliContext, opts: { profile?: string } = {}): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const files = daemonFiles(paths.dataDir);
  if (opts.profile === undefined) return cli.io.out(loadOrCreateToken(files.tokenFile));
  await checkProfile(paths.configFile, opts.profile);
  cli.io.out(createProfileToken(files.profileTokensDir, opts.profile));
  cli.io.err(
    `a new token for profile ${opts.profile}: keep it secret; \`hearth mcp tokens --revoke ID\` revokes it`,
  );
}

/** `hearth mcp tokens [--revoke ID] [--json]`: the profile tokens, by id, without their secrets. */
export function runMcpTokens(cli: CliContext, opts: { revoke?: string; json?: boolean }): void {
  const dir = daemonFiles(resolveHearthPaths(cli.env).dataDir).profileTokensDir;
  if (opts.revoke !== undefined) {
    const gone = revokeProfileToken(dir, opts.revoke);
    return cli.io.out(`revoked ${gone.id} (profile ${gone.profile}, made ${gone.created})`);
  }
  const tokens = listProfileTokens(dir);
  if (opts.json) return cli.io.json({ tokens }, 2);
  if (tokens.length === 0)
    cli.io.out("no profile tokens: `hearth mcp token --profile NAME` makes one");
  for (const t of tokens) cli.io.out(`${t.id}  ${t.profile}  made ${t.created}`);
}

export async function runMcpConfig(
  cli: CliContext,
  client: string,
  opts: { http?: boolean; profile?: string },
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
  if (opts.profile !== undefined) await checkProfile(paths.configFile, opts.profile);
  const command = selfCommand(
    "mcp",
    ...(opts.profile !== undefined ? ["--profile", opts.profile] : []),
  );
  let http: { url: string; token: string } | undefined;
  if (opts.http) {
    const { loadConfig } = await import("../../config/load-config.js");
    const config = loadConfig(paths.configFile);
    mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
    http = {
      url: `http://127.0.0.1:${config.mcp.http.port}/mcp`,
      token:
        opts.profile === undefined
          ? loadOrCreateToken(daemonFiles(paths.dataDir).tokenFile)
          : createProfileToken(daemonFiles(paths.dataDir).profileTokensDir, opts.profile),
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
