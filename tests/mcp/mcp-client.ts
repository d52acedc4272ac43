// A real MCP client (the SDK's Client) talking to a spawned `hearth mcp` over stdio.
import { fileURLToPath } from "node:url";
import { Client, type ClientCapabilities } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

export type Era = "2025-11-25" | "2026-07-28";

export async function connectStdio(
  env: NodeJS.ProcessEnv,
  era: Era = "2025-11-25",
  onResourcesChanged?: () => void,
  /** Capabilities to declare, and handlers to register before connecting (elicitation, say). */
  extra: { capabilities?: ClientCapabilities; prepare?: (client: Client) => void } = {},
): Promise<Client> {
  const client = new Client(
    { name: "hearth-test-client", version: "1.2.3" },
    {
      ...(extra.capabilities ? { capabilities: extra.capabilities } : {}),
      ...(era === "2026-07-28" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {}),
      ...(onResourcesChanged
        ? {
            listChanged: {
              resources: { autoRefresh: false, onChanged: () => onResourcesChanged() },
            },
          }
        : {}),
    },
  );
  extra.prepare?.(client);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "mcp"],
    env: Object.fromEntries(
      Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    stderr: "pipe",
  });
  await client.connect(transport);
  return client;
}
