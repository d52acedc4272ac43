// Local RPC between the CLI and the daemon: JSON lines over a unix socket (0600) in HEARTH_HOME.
import { chmodSync, rmSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { HearthError, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";

export type RpcHandler = (params: unknown) => Promise<unknown>;

interface RpcRequest {
  id: number;
  method: string;
  params?: unknown;
}

type RpcResponse =
  { id: number; result: unknown } | { id: number; error: { code: string; message: string } };

function serveConnection(
  socket: Socket,
  handlers: ReadonlyMap<string, RpcHandler>,
  log: Logger,
): void {
  let buffer = "";
  socket.setEncoding("utf8");
  socket.on("data", (data: string) => {
    buffer += data;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      void answer(line);
    }
  });
  socket.on("error", (err) => log.debug("ipc connection error", { error: err.message }));
  const answer = async (line: string) => {
    let request: RpcRequest;
    try {
      request = JSON.parse(line) as RpcRequest;
    } catch {
      return;
    }
    let response: RpcResponse;
    const handler = handlers.get(request.method);
    try {
      if (!handler) throw new HearthError("BAD_ARGUMENT", `unknown method ${request.method}`);
      response = { id: request.id, result: await handler(request.params) };
    } catch (err) {
      const code = err instanceof HearthError ? err.code : "INTERNAL";
      response = { id: request.id, error: { code, message: errorMessage(err) } };
    }
    if (!socket.destroyed) socket.write(JSON.stringify(response) + "\n");
  };
}

export async function listenRpc(
  socketPath: string,
  handlers: ReadonlyMap<string, RpcHandler>,
  log: Logger,
): Promise<Server> {
  rmSync(socketPath, { force: true }); // a socket file left by a killed daemon (the lock is ours)
  const server = createServer((socket) => serveConnection(socket, handlers, log));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return server;
}

/** Calls the daemon; DAEMON_UNREACHABLE when nothing listens (the caller then works alone). */
export function callDaemon<T>(
  socketPath: string,
  method: string,
  params?: unknown,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const socket = createConnection(socketPath);
    let buffer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new HearthError(
          "DAEMON_UNREACHABLE",
          `the daemon did not answer ${method} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(JSON.stringify({ id: 1, method, params }) + "\n"));
    socket.on("data", (data: string) => {
      buffer += data;
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      const response = JSON.parse(buffer.slice(0, newline)) as RpcResponse;
      if ("error" in response) {
        const code = response.error.code as ConstructorParameters<typeof HearthError>[0];
        reject(new HearthError(code, response.error.message));
      } else {
        resolve(response.result as T);
      }
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new HearthError(
          "DAEMON_UNREACHABLE",
          `no daemon at ${socketPath} (${err.code ?? err.message})`,
        ),
      );
    });
  });
}
