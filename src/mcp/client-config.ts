// The exact configuration snippet each MCP client needs to run Hearth (stdio), or reach it over HTTP.

export const MCP_CLIENTS = ["claude-desktop", "claude-code", "vscode", "cursor", "zed"] as const;
export type McpClientName = (typeof MCP_CLIENTS)[number];

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The snippet (exactly what goes in the file, or the command to run) and where it goes. */
export interface ClientSnippet {
  text: string;
  where: string;
}

export function mcpClientConfig(
  client: McpClientName,
  command: readonly string[],
  env: Readonly<Record<string, string>>,
  http?: { url: string; token: string },
): ClientSnippet | { refused: string } {
  const [bin, ...args] = command;
  const stdio = { command: bin, args, ...(Object.keys(env).length ? { env } : {}) };
  const headers = http ? { Authorization: `Bearer ${http.token}` } : undefined;
  switch (client) {
    case "claude-desktop":
      // Claude Desktop spawns local servers over stdio.
      return http
        ? { refused: "Claude Desktop connects to local servers over stdio: drop --http" }
        : {
            text: json({ mcpServers: { hearth: stdio } }),
            where: "merge into claude_desktop_config.json",
          };
    case "claude-code": {
      const where = "run this command";
      if (http) {
        return {
          text: `claude mcp add --transport http hearth ${http.url} --header ${shellQuote(`Authorization: Bearer ${http.token}`)}`,
          where,
        };
      }
      const envFlags = Object.entries(env)
        .map(([k, v]) => `--env ${shellQuote(`${k}=${v}`)} `)
        .join("");
      return {
        text: `claude mcp add hearth ${envFlags}-- ${command.map(shellQuote).join(" ")}`,
        where,
      };
    }
    case "vscode":
      return {
        text: json({
          servers: {
            hearth: http ? { type: "http", url: http.url, headers } : { type: "stdio", ...stdio },
          },
        }),
        where: "put in .vscode/mcp.json (or the user-level mcp.json)",
      };
    case "cursor":
      return {
        text: json({ mcpServers: { hearth: http ? { url: http.url, headers } : stdio } }),
        where: "put in ~/.cursor/mcp.json",
      };
    case "zed":
      return {
        text: json({
          context_servers: {
            hearth: http ? { url: http.url, headers } : { source: "custom", ...stdio },
          },
        }),
        where: "merge into Zed's settings.json",
      };
  }
}
