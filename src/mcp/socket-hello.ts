// The first line on the daemon's MCP socket: the bridge says which profile the connection runs
// under, the daemon accepts or refuses it. MCP's own messages follow, untouched.
import type { Socket } from "node:net";

const MAX_HELLO_BYTES = 4096;

export interface Hello {
  profile: string | null;
}

export type HelloReply = { hearth: "ok" } | { hearth: "refused"; message: string };

export function helloLine(hello: Hello): string {
  return JSON.stringify({ hearth: hello }) + "\n";
}

/** The hello in `line`, or null when the line is not one (a client that speaks MCP at once). */
export function parseHello(line: string): Hello | null {
  try {
    const value = JSON.parse(line) as { hearth?: { profile?: unknown } };
    const profile = value.hearth?.profile;
    if (typeof value.hearth !== "object" || value.hearth === null) return null;
    return { profile: typeof profile === "string" ? profile : null };
  } catch {
    return null;
  }
}

/**
 * Reads the socket's first line (up to a bound) in paused mode and leaves everything after it
 * buffered for the reader that comes next (which then flows as if nothing had been read).
 * Resolves null if the socket ends first, or the bound is reached (then nothing is consumed).
 */
export function readFirstLine(socket: Socket): Promise<string | null> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    const finish = (line: string | null, rest: Buffer) => {
      socket.off("readable", onReadable);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      if (rest.length > 0) socket.unshift(rest);
      resolve(line);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        buffer = Buffer.concat([buffer, chunk]);
        const newline = buffer.indexOf(10);
        if (newline >= 0)
          return finish(buffer.subarray(0, newline).toString("utf8"), buffer.subarray(newline + 1));
        if (buffer.length > MAX_HELLO_BYTES) return finish(null, buffer);
      }
    };
    const onEnd = () => finish(null, buffer);
    socket.on("readable", onReadable);
    socket.once("end", onEnd);
    socket.once("close", onEnd); // destroyed, or failed: there will be no line
  });
}
