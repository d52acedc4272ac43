// Assembles the daemon process: the index and its watchers, the service, and the service's faces —
// the control socket, MCP on the local socket, MCP over HTTP. Stop closes every face, then the daemon.
import type { Server } from "node:http";
import { Closers } from "../closers.js";
import { daemonFiles } from "../config/paths.js";
import { Daemon } from "../daemon/daemon.js";
import type { Ownership } from "../daemon/ownership-lock.js";
import { errorMessage } from "../errors.js";
import type { Hearth } from "../hearth.js";
import type { Logger } from "../log.js";
import { listenMcpHttp } from "../mcp/http-server.js";
import { loadOrCreateToken } from "../mcp/token.js";
import { listenMcpSocket } from "../mcp/socket-server.js";
import { listenControl } from "../rpc/control-socket.js";
import { HearthService } from "../service/service.js";
import { HEARTH_VERSION } from "../version.js";
import { listenWeb, type WebServer } from "../web/server.js";
import { controlMethods } from "./control-methods.js";
import { ModelPulls } from "./model-pulls.js";
import { webControls } from "./web-controls.js";

export interface DaemonHost {
  readonly daemon: Daemon;
  readonly service: HearthService;
  /** Resolves once everything is closed (by `hearth stop`, a signal, or stop()). */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The local page; a port in use is logged and leaves the rest of the daemon running. */
async function startWeb(
  hearth: Hearth,
  daemon: Daemon,
  service: HearthService,
  pulls: ModelPulls,
  log: Logger,
): Promise<WebServer | null> {
  const { port } = hearth.config.web;
  try {
    const controls = webControls(hearth, daemon, pulls);
    const web = await listenWeb({ port, service, controls, log });
    log.info("web page listening", { url: web.url });
    return web;
  } catch (err) {
    log.warn("web page not served", {
      port,
      error: errorMessage(err),
      fix: "set web.port in the config to a free port, or web.enabled to false",
    });
    return null;
  }
}

/**
 * Starts the daemon over an opened Hearth (which it then owns and closes). `ownership` is the data
 * folder's lock when the caller took it first (before loading anything), else it is taken here.
 */
export async function startDaemonHost(
  hearth: Hearth,
  log: Logger,
  ownership?: Ownership,
): Promise<DaemonHost> {
  const daemon = await Daemon.start(hearth, log, ownership);
  const closers = new Closers();
  closers.add(() => daemon.stop());
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= closers.close().finally(() => resolveStopped()));
  try {
    const service = new HearthService({ ...hearth, runtime: daemon });
    const files = daemonFiles(hearth.paths.dataDir);
    // MCP first, then the control socket: a client that sees the daemon answer can use MCP at once.
    const mcp = await listenMcpSocket(files.mcpSocketFile, service, HEARTH_VERSION, log);
    closers.add(() => mcp.close());
    const http = hearth.config.mcp.http;
    if (http.enabled) {
      const token = loadOrCreateToken(files.tokenFile);
      const server = await listenMcpHttp(http.port, token, service, HEARTH_VERSION, log, {
        profileTokensDir: files.profileTokensDir,
      });
      closers.add(() => closeHttp(server));
      log.info("mcp http listening", { url: `http://127.0.0.1:${http.port}/mcp` });
    }
    const pulls = new ModelPulls(hearth.paths.modelsDir, log);
    closers.add(() => pulls.close());
    const web = hearth.config.web.enabled
      ? await startWeb(hearth, daemon, service, pulls, log)
      : null;
    if (web) closers.add(() => closeHttp(web.server));
    const control = await listenControl(
      files.socketFile,
      controlMethods(service, daemon, stop, web),
      log,
    );
    closers.add(() => control.close());
    return { daemon, service, stopped, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
