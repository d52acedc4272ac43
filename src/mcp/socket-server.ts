// MCP over the daemon's local socket: each connection (a `hearth mcp` bridge) gets its own server.
import { chmodSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import { HearthError, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import type { HearthService } from "../service/service.js";
import { createMcpServer, notifyOnIndexChange } from "./server.js";
import { type HelloReply, parseHello, readFirstLine } from "./socket-hello.js";

export interface McpSocketServer {
  close(): Promise<void>;
}

export async function listenMcpSocket(
  socketPath: string,
  service: HearthService,
  version: string,
  log: Logger,
): Promise<McpSocketServer> {
  rmSync(socketPath, { force: true });
  const connections = new Set<Socket>();
  const serve = (socket: Socket, profile: string | null) => {
    // The socket carries newline-delimited JSON-RPC, exactly as stdio does. serveStdio picks the
    // protocol era from the client's opening message (server/discover or initialize).
    const disposers: (() => void)[] = [];
    const handle = serveStdio(
      () => {
        const mcp = createMcpServer({ service, version, log, profile });
        disposers.push(
          notifyOnIndexChange(
            service,
            () => void mcp.sendResourceListChanged().catch(() => undefined),
            profile,
          ),
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
  };
  const server: Server = createServer((socket) => {
    connections.add(socket);
    socket.on("close", () => connections.delete(socket));
    socket.on("error", (err) => log.debug("mcp connection error", { error: err.message }));
    // A bridge opens with a hello naming its profile; a client that speaks MCP at once sees all.
    void readFirstLine(socket).then((first) => {
      const hello = first === null ? null : parseHello(first);
      if (first !== null && hello === null) socket.unshift(Buffer.from(first + "\n"));
      if (hello) {
        try {
          if (hello.profile !== null) service.ctx.scopes.profile(hello.profile);
        } catch (err) {
          const message =
            err instanceof HearthError ? `${err.code}: ${err.message}` : errorMessage(err);
          socket.end(JSON.stringify({ hearth: "refused", message } satisfies HelloReply) + "\n");
          return;
        }
        socket.write(JSON.stringify({ hearth: "ok" } satisfies HelloReply) + "\n");
      }
      serve(socket, hello?.profile ?? null);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    /** Stops listening and ends every connection: a stopped daemon leaves no client waiting. */
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
      }),
  };
}
