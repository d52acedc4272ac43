// MCP over the daemon's local socket: each connection (a `hearth mcp` bridge) gets its own server.
import { chmodSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import type { McpBackend } from "./backend.js";
import { createMcpServer, notifyOnIndexChange } from "./create-server.js";

export async function listenMcpSocket(
  socketPath: string,
  backend: McpBackend,
  version: string,
  log: Logger,
): Promise<Server> {
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => {
    // The socket carries newline-delimited JSON-RPC, exactly as stdio does. serveStdio picks the
    // protocol era from the client's opening message (server/discover or initialize).
    const disposers: (() => void)[] = [];
    const handle = serveStdio(
      () => {
        const mcp = createMcpServer(backend, version);
        disposers.push(
          notifyOnIndexChange(backend, () => mcp.isConnected() && mcp.sendResourceListChanged()),
        );
        return mcp;
      },
      {
        transport: new StdioServerTransport(socket, socket),
        onerror: (err) => log.debug("mcp connection error", { error: errorMessage(err) }),
      },
    );
    socket.on("close", () => {
      for (const dispose of disposers) dispose();
      void handle.close().catch(() => undefined);
    });
    socket.on("error", (err) => log.debug("mcp connection error", { error: err.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return server;
}
