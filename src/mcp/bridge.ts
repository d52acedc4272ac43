// `hearth mcp` on stdio: a byte pipe between the client and the daemon's MCP socket; nothing else on stdout.
import { connect, type Socket } from "node:net";
import { HearthError } from "../errors.js";

/** Connects to the daemon's MCP socket, waiting briefly for a daemon that is still starting. */
export async function connectMcpSocket(socketPath: string, waitMs = 10_000): Promise<Socket> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await connectOnce(socketPath);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function connectOnce(socketPath: string): Promise<Socket> {
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
