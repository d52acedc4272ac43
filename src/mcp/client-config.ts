// The exact configuration snippet each MCP client needs to run Hearth (stdio), or reach it over HTTP.

export const MCP_CLIENTS = ["claude-desktop", "claude-code", "vscode", "cursor", "zed"] as const;
export type McpClientName = (typeof MCP_CLIENTS)[number];

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function mcpClientConfig(
  client: McpClientName,
  command: readonly string[],
  env: Readonly<Record<string, string>>,
  http?: { url: string; token: string },
): string {
  const [bin, ...args] = command;
  const stdio = { command: bin, args, ...(Object.keys(env).length ? { env } : {}) };
  const headers = http ? { Authorization: `Bearer ${http.token}` } : undefined;
  switch (client) {
    case "claude-desktop":
      // claude_desktop_config.json; Claude Desktop spawns local servers over stdio.
      return http
        ? `# Claude Desktop connects to local servers over stdio; use the stdio snippet (without --http).`
        : `# claude_desktop_config.json\n${json({ mcpServers: { hearth: stdio } })}`;
    case "claude-code": {
      if (http) {
        return `claude mcp add --transport http hearth ${http.url} --header ${shellQuote(`Authorization: Bearer ${http.token}`)}`;
      }
      const envFlags = Object.entries(env)
        .map(([k, v]) => `--env ${shellQuote(`${k}=${v}`)} `)
        .join("");
      return `claude mcp add hearth ${envFlags}-- ${command.map(shellQuote).join(" ")}`;
    }
    case "vscode":
      return `# .vscode/mcp.json (or the user-level mcp.json)\n${json({
        servers: {
          hearth: http ? { type: "http", url: http.url, headers } : { type: "stdio", ...stdio },
        },
      })}`;
    case "cursor":
      return `# ~/.cursor/mcp.json\n${json({ mcpServers: { hearth: http ? { url: http.url, headers } : stdio } })}`;
    case "zed":
      return `# Zed settings.json\n${json({
        context_servers: {
          hearth: http ? { url: http.url, headers } : { source: "custom", ...stdio },
        },
      })}`;
  }
}
