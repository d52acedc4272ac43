// `hearth mcp` on stdio: relays newline-delimited JSON-RPC between the client and the daemon's MCP
// socket, and survives the daemon: when it goes away the bridge reconnects (starting a daemon when
// the client next asks) and replays the client's `initialize`, so the editor keeps its session. A
// call made in the gap is answered at once ("Hearth is restarting"), never left hanging.
import { connect, type Socket } from "node:net";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { HearthError, errorMessage } from "../errors.js";
import { type HelloReply, helloLine, readFirstLine } from "./socket-hello.js";

/** How long a lost daemon is waited for (someone restarting it) before the bridge lets it be. */
const RECONNECT_WINDOW_MS = 5000;
const RETRY_MS = 100;
const HELLO_TIMEOUT_MS = 3000;
const RESTARTING = "Hearth is restarting; try again in a moment";

export interface BridgeOptions {
  socketPath: string;
  /** The profile the client's calls run under (`hearth mcp --profile NAME`); null: everything. */
  profile?: string | null;
  /** Starts a daemon (when none runs); rejects with the reason it could not. */
  startDaemon: () => Promise<void>;
  input: Readable;
  output: Writable;
  /** Where the bridge says why it gives up (the client's stderr). */
  errors: Writable;
  /** How long a lost daemon is waited for before the next request starts one. */
  reconnectWindowMs?: number;
}

interface Message {
  id?: string | number | null;
  method?: string;
}

/** The hello refused (an unknown profile) or unanswered (an older daemon): retrying cannot help. */
class HelloRefused extends HearthError {}

function connectOnce(socketPath: string, profile: string | null): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    socket.once("connect", () => {
      socket.write(helloLine({ profile }));
      // A daemon older than the hello never answers it: give up on it rather than wait forever.
      const silent = setTimeout(() => socket.destroy(), HELLO_TIMEOUT_MS);
      void readFirstLine(socket).then((line) => {
        clearTimeout(silent);
        const reply = line === null ? null : (parse(line) as HelloReply | null);
        if (reply?.hearth === "ok") return resolve(socket);
        socket.destroy();
        reject(
          reply?.hearth === "refused"
            ? new HelloRefused("PROFILE_UNKNOWN", reply.message)
            : new HelloRefused(
                "DAEMON_UNREACHABLE",
                `the daemon at ${socketPath} did not answer the bridge's hello`,
                "it may be an older Hearth: `hearth stop`, and the next call starts the current one",
              ),
        );
      });
    });
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

/** Connects, retrying while a daemon is still coming up, for at most `waitMs`. */
export async function connectMcpSocket(
  socketPath: string,
  profile: string | null = null,
  waitMs = 10_000,
): Promise<Socket> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await connectOnce(socketPath, profile);
    } catch (err) {
      if (err instanceof HelloRefused || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

function parse(line: string): Message | null {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === "object" && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** Relays until the client closes its input; resolves with the exit code. */
export function runBridge(options: BridgeOptions): Promise<number> {
  const { socketPath, input, output } = options;
  const profile = options.profile ?? null;
  let socket: Socket | null = null;
  // "starting" until the first connection: what the client sends meanwhile waits for it.
  let state: "connected" | "reconnecting" | "down" | "starting" | "closed" = "starting";
  /** The client's initialize request, replayed to each new daemon under the bridge's own id. */
  let initialize: Message | null = null;
  let initialized = false;
  let replays = 0;
  const swallowed = new Set<string>();
  /** Messages that arrived while a daemon was being started on the client's behalf. */
  const held: string[] = [];
  /** Requests the daemon has not answered yet: answered by the bridge if the daemon goes away. */
  const unanswered = new Map<string | number, Message>();
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));

  const send = (line: string) => output.write(line + "\n");
  const answerRestarting = (message: Message) => {
    if (message.id === undefined || message.id === null || !message.method) return;
    send(
      JSON.stringify(
        message.method === "tools/call"
          ? {
              jsonrpc: "2.0",
              id: message.id,
              result: {
                isError: true,
                content: [{ type: "text", text: RESTARTING }],
                // 2026-07-28 clients (no initialize) require it; earlier ones take it as complete.
                ...(initialize ? {} : { resultType: "complete" }),
              },
            }
          : { jsonrpc: "2.0", id: message.id, error: { code: -32000, message: RESTARTING } },
      ),
    );
  };

  const forward = (target: Socket, line: string) => {
    const message = parse(line);
    if (message?.method && message.id !== undefined && message.id !== null)
      unanswered.set(message.id, message);
    // A daemon that just went away fails the write; its "close" answers what it never did.
    if (target.writable) target.write(line + "\n", () => undefined);
  };

  const attach = (next: Socket) => {
    next.on("error", () => undefined); // a daemon going away shows as "close"
    socket = next;
    state = "connected";
    if (initialize) {
      const id = `hearth-bridge-replay-${++replays}`;
      swallowed.add(id);
      next.write(JSON.stringify({ ...initialize, id }) + "\n");
      if (initialized)
        next.write(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n");
    }
    for (const line of held.splice(0)) forward(next, line);
    createInterface({ input: next })
      // readline re-emits its input's errors; the socket's are answered by its "close".
      .on("error", () => undefined)
      .on("line", (line) => {
        const reply = parse(line);
        if (reply && typeof reply.id === "string" && swallowed.delete(reply.id)) return;
        if (reply && !reply.method && reply.id !== undefined && reply.id !== null)
          unanswered.delete(reply.id);
        send(line);
      });
    // The daemon's end of the socket closing ("end") is the moment to stop writing to it.
    const lost = () => {
      if (socket !== next || state === "closed") return;
      socket = null;
      // What the lost daemon never answered is answered now: no request is left hanging.
      for (const message of unanswered.values()) answerRestarting(message);
      unanswered.clear();
      void reconnect();
    };
    next.once("end", lost);
    next.once("close", lost);
  };

  const giveUp = (reason: string) => {
    for (const line of held.splice(0)) {
      const message = parse(line);
      if (message?.id !== undefined && message.id !== null && message.method)
        send(
          JSON.stringify({
            jsonrpc: "2.0",
            id: message.id,
            error: { code: -32000, message: `Hearth could not start: ${reason}` },
          }),
        );
    }
    options.errors.write(`hearth mcp: ${reason}\n`);
    state = "closed";
    finish(1);
  };

  /** The daemon went away: wait a while for one to come back, without starting one. */
  const reconnect = async () => {
    state = "reconnecting";
    const deadline = Date.now() + (options.reconnectWindowMs ?? RECONNECT_WINDOW_MS);
    while (Date.now() < deadline && state === "reconnecting") {
      try {
        const next = await connectOnce(socketPath, profile);
        if (state !== "reconnecting") return void next.destroy();
        return attach(next);
      } catch (err) {
        if (err instanceof HelloRefused) return giveUp(err.message);
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
    if (state === "reconnecting") state = "down";
  };

  /** The client spoke and no daemon runs: start one for it, as `hearth mcp` did at first. */
  const startForClient = async () => {
    state = "starting";
    try {
      await options.startDaemon();
      attach(await connectMcpSocket(socketPath, profile));
    } catch (err) {
      if (err instanceof HelloRefused) return giveUp(err.message);
      giveUp(`the daemon could not be started: ${errorMessage(err)}`);
    }
  };

  createInterface({ input })
    .on("line", (line) => {
      if (line.trim() === "") return;
      const message = parse(line);
      if (message?.method === "initialize") initialize = message;
      if (message?.method === "notifications/initialized") initialized = true;
      if (state === "connected" && socket) forward(socket, line);
      else if (state === "down") {
        held.push(line);
        void startForClient();
      } else if (state === "starting") held.push(line);
      else if (message) answerRestarting(message);
    })
    .on("close", () => {
      state = "closed";
      socket?.end();
      finish(0);
    });

  void (async () => {
    try {
      attach(await connectMcpSocket(socketPath, profile));
    } catch (err) {
      giveUp(errorMessage(err));
    }
  })();
  return done;
}
