// Streamable HTTP MCP from the daemon: 127.0.0.1 only, a bearer token, and foreign Host/Origin
// refused; bounded connections and timeouts. 2026-07-28 requests are served statelessly, 2025-era
// clients in sessions.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, isLegacyRequest } from "@modelcontextprotocol/server";
import { errorMessage } from "../errors.js";
import {
  foreignRequest,
  type HttpLimits,
  listenLoopback,
  LOOPBACK_LIMITS,
} from "../http/loopback.js";
import type { Logger } from "../log.js";
import type { HearthService } from "../service/service.js";
import { LegacySessions } from "./legacy-sessions.js";
import { profileOfToken } from "./profile-tokens.js";
import { createMcpServer, notifyOnIndexChange } from "./server.js";

function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/** The profile the request's bearer token grants (null: everything), or undefined: no access. */
function grantOf(
  req: IncomingMessage,
  token: string,
  profileTokensDir: string,
): string | null | undefined {
  const header = req.headers.authorization ?? "";
  const bearer = header.startsWith("Bearer ") ? header.slice(7) : "";
  const given = Buffer.from(bearer);
  const want = Buffer.from(token);
  if (given.length === want.length && timingSafeEqual(given, want)) return null;
  return profileOfToken(profileTokensDir, bearer) ?? undefined;
}

interface Face {
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close: () => void;
}

export async function listenMcpHttp(
  port: number,
  token: string,
  service: HearthService,
  version: string,
  log: Logger,
  options: { limits?: HttpLimits; profileTokensDir?: string } = {},
): Promise<Server> {
  const limits = options.limits ?? LOOPBACK_LIMITS;
  const profileTokensDir = options.profileTokensDir ?? "";
  /** One MCP endpoint per profile: sessions and notifications never cross between profiles. */
  const faces = new Map<string | null, Face>();
  const faceOf = (profile: string | null): Face => {
    let face = faces.get(profile);
    if (face) return face;
    const factory = () => createMcpServer({ service, version, log, profile });
    const modern = createMcpHandler(factory, {
      legacy: "reject",
      onerror: (err) => log.debug("mcp http error", { error: errorMessage(err) }),
    });
    const legacy = new LegacySessions(factory, log);
    // One endpoint for both eras: 2026-07-28 requests carry their envelope, 2025 ones do not.
    const serve = toNodeHandler({
      fetch: async (request) =>
        (await isLegacyRequest(request.clone())) ? legacy.fetch(request) : modern.fetch(request),
    });
    const unsubscribe = notifyOnIndexChange(
      service,
      () => {
        modern.notify.resourcesChanged();
        legacy.resourcesChanged();
      },
      profile,
    );
    face = {
      serve,
      close: () => {
        unsubscribe();
        void modern.close();
        void legacy.close();
      },
    };
    faces.set(profile, face);
    return face;
  };
  const server = createServer((req, res) => {
    // DNS rebinding and cross-site requests: only a local Host, and a local Origin if a browser sent one.
    const foreign = foreignRequest(req.headers);
    if (foreign) return refuse(res, 403, foreign);
    const profile = grantOf(req, token, profileTokensDir);
    if (profile === undefined)
      // The challenge tells clients this is a plain bearer token, not an OAuth login to start.
      return refuse(
        res,
        401,
        "missing or wrong bearer token: run `hearth mcp token` and send it as Authorization: Bearer <token>",
        { "www-authenticate": 'Bearer realm="hearth", error="invalid_token"' },
      );
    if (profile !== null && !service.ctx.scopes.names().includes(profile))
      return refuse(
        res,
        403,
        `this token's profile ${JSON.stringify(profile)} is no longer in the config: add it back, or make a token for another profile`,
      );
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/mcp")
      return refuse(res, 404, "the endpoint is /mcp");
    faceOf(profile)
      .serve(req, res)
      .catch((err: unknown) => {
        log.warn("mcp http request failed", { error: errorMessage(err) });
        if (!res.headersSent) refuse(res, 500, "internal error");
      });
  });
  await listenLoopback(server, port, limits);
  server.on("close", () => {
    for (const face of faces.values()) face.close();
  });
  return server;
}
