// What a request to one of the daemon's loopback servers must show: a local Host (DNS rebinding),
// and a local Origin when a browser sent one (cross-site requests).
import type { Server } from "node:http";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function hostname(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

/** Why the request is refused (403), or null when its Host and Origin are local. */
export function foreignRequest(headers: {
  host?: string | undefined;
  origin?: string | undefined;
}): string | null {
  const host = hostname(headers.host);
  if (!host || !LOCAL_HOSTS.has(host)) return "forbidden Host";
  if (headers.origin !== undefined && !LOCAL_HOSTS.has(hostname(headers.origin) ?? ""))
    return "forbidden Origin";
  return null;
}

export interface HttpLimits {
  /** Open connections at most; more are refused. */
  maxConnections: number;
  /** A connection with nothing going on (no request, no stream output) is closed after this. */
  idleMs: number;
  /** A request's headers must arrive within this. */
  headersMs: number;
}

export const LOOPBACK_LIMITS: HttpLimits = {
  maxConnections: 64,
  idleMs: 60_000,
  headersMs: 10_000,
};

/** Bounds the server's connections and timeouts, then listens on 127.0.0.1 only. */
export async function listenLoopback(
  server: Server,
  port: number,
  limits: HttpLimits = LOOPBACK_LIMITS,
): Promise<void> {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersMs;
  server.requestTimeout = limits.headersMs * 3;
  server.keepAliveTimeout = Math.min(5000, limits.idleMs);
  server.setTimeout(limits.idleMs, (socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}
