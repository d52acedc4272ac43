// A real MCP client connected to Hearth's MCP server in this process, over the SDK's linked
// in-memory transport: the protocol layer end to end, without spawning anything.
import { Client, type ClientOptions, InMemoryTransport } from "@modelcontextprotocol/client";
import { afterAll } from "vitest";
import { silentLogger } from "../../src/log.js";
import { createMcpServer } from "../../src/mcp/server.js";
import type { HearthService } from "../../src/service/service.js";

const open: Client[] = [];
afterAll(async () => {
  for (const client of open.splice(0)) await client.close();
});

export async function connectInProcess(
  service: HearthService,
  name = "in-process-client",
  profile: string | null = null,
  options: ClientOptions = {},
  /** Registers handlers (elicitation, say) before the client connects. */
  prepare?: (client: Client) => void,
): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = createMcpServer({ service, version: "test", log: silentLogger, profile });
  await server.connect(serverSide);
  const client = new Client({ name, version: "0.1" }, options);
  prepare?.(client);
  await client.connect(clientSide);
  open.push(client);
  return client;
}

export interface ToolReply {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string; uri?: string }[];
}

export async function callTool(client: Client, name: string, args: unknown): Promise<ToolReply> {
  return (await client.callTool({
    name,
    arguments: args as Record<string, unknown>,
  })) as ToolReply;
}
