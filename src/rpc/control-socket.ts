// The control socket: JSON-lines RPC between the CLI and the daemon over a unix socket (0600) in
// HEARTH_HOME. A malformed or unknown request is answered with an error, never left waiting.
import { chmodSync, rmSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import { HearthError, type HearthErrorCode, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";

export type RpcHandler = (params: unknown) => Promise<unknown>;

interface RpcRequest {
  id: number;
  method: string;
  params?: unknown;
}

type RpcResponse =
  | { id: number | null; result: unknown }
  | { id: number | null; error: { code: string; message: string } };

/** Longest request line accepted: a search or table query is far smaller. */
const MAX_LINE = 1 << 20;

export interface ControlServer {
  close(): Promise<void>;
}

function serveConnection(
  socket: Socket,
  handlers: ReadonlyMap<string, RpcHandler>,
  log: Logger,
): void {
  let buffer = "";
  socket.setEncoding("utf8");
  const reply = (response: RpcResponse) => {
    if (!socket.destroyed) socket.write(JSON.stringify(response) + "\n");
  };
  const refuse = (id: number | null, message: string) =>
    reply({ id, error: { code: "BAD_ARGUMENT", message } });
  socket.on("data", (data: string) => {
    buffer += data;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      void answer(line);
    }
    if (buffer.length > MAX_LINE) {
      refuse(null, `request line longer than ${MAX_LINE} bytes`);
      socket.end();
    }
  });
  socket.on("error", (err) => log.debug("control connection error", { error: err.message }));
  const answer = async (line: string) => {
    let request: Partial<RpcRequest>;
    try {
      request = JSON.parse(line) as Partial<RpcRequest>;
    } catch {
      return refuse(null, 'not JSON: send one {"id", "method", "params"} object per line');
    }
    const id = typeof request.id === "number" ? request.id : null;
    if (typeof request !== "object" || request === null || typeof request.method !== "string")
      return refuse(id, 'send {"id": number, "method": string, "params": object}');
    const handler = handlers.get(request.method);
    if (!handler)
      return refuse(
        id,
        `unknown method ${request.method}; methods: ${[...handlers.keys()].join(", ")}`,
      );
    try {
      reply({ id, result: await handler(request.params) });
    } catch (err) {
      const code = err instanceof HearthError ? err.code : "INTERNAL";
      reply({ id, error: { code, message: errorMessage(err) } });
    }
  };
}

export async function listenControl(
  socketPath: string,
  handlers: ReadonlyMap<string, RpcHandler>,
  log: Logger,
): Promise<ControlServer> {
  rmSync(socketPath, { force: true }); // a socket file left by a killed daemon (the lock is ours)
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
    serveConnection(socket, handlers, log);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
      }),
  };
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
          "DAEMON_NOT_ANSWERING",
          `the daemon did not answer ${method} within ${timeoutMs} ms`,
          "`hearth status` shows what it is doing; daemon.log in the data folder has more",
        ),
      );
    }, timeoutMs);
    socket.setEncoding("utf8");
    let sent = false;
    socket.on("connect", () => {
      sent = true;
      socket.write(JSON.stringify({ id: 1, method, params }) + "\n");
    });
    socket.on("data", (data: string) => {
      buffer += data;
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      let response: RpcResponse;
      try {
        response = JSON.parse(buffer.slice(0, newline)) as RpcResponse;
      } catch {
        reject(
          new HearthError("DAEMON_NOT_ANSWERING", `the daemon's answer to ${method} is not JSON`),
        );
        return;
      }
      if ("error" in response) {
        reject(new HearthError(response.error.code as HearthErrorCode, response.error.message));
      } else {
        resolve(response.result as T);
      }
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Once the request is sent, the daemon may have acted on it: the caller must not redo it.
      reject(
        sent
          ? new HearthError(
              "DAEMON_NOT_ANSWERING",
              `the daemon went away while answering ${method} (${err.code ?? err.message})`,
              "`hearth status` shows whether it runs; see what was done before trying again",
            )
          : new HearthError(
              "DAEMON_UNREACHABLE",
              `no daemon at ${socketPath} (${err.code ?? err.message})`,
            ),
      );
    });
  });
}
