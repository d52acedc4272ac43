// `hearth mcp` on stdio: a byte pipe between the client and the daemon's MCP socket; nothing else on stdout.
import { connect, type Socket } from "node:net";
import { HearthError } from "../errors.js";

export async function connectMcpSocket(socketPath: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    socket.once("connect", () => resolve(socket));
    socket.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new HearthError(
          "DAEMON_UNREACHABLE",
          `cannot reach the daemon's MCP socket ${socketPath} (${err.code ?? err.message})`,
        ),
      ),
    );
  });
}

/** Pipes stdin → socket and socket → stdout until either side ends. */
export function bridgeStdio(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.pipe(socket);
    socket.pipe(process.stdout);
    const done = () => resolve();
    socket.once("close", done);
    process.stdin.once("end", () => socket.end());
  });
}
