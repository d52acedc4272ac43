// Tests: the stdio bridge's survival of its daemon, in-process against real daemons on the same
// HEARTH_HOME — replayed sessions, answers in the gap, starting a daemon on demand, giving up loudly.
import { createServer } from "node:net";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { runBridge } from "../../src/mcp/bridge.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { waitFor } from "../daemon/converge.js";

type Reply = { id?: unknown; result?: Record<string, unknown>; error?: { message: string } };

function bridgeOn(env: NodeJS.ProcessEnv, home: string, startDaemon: () => Promise<void>) {
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = new PassThrough();
  let errorText = "";
  errors.on("data", (d: Buffer) => (errorText += String(d)));
  const replies: Reply[] = [];
  createInterface({ input: output }).on("line", (line) => replies.push(JSON.parse(line) as Reply));
  const exit = runBridge({
    socketPath: daemonFiles(home).mcpSocketFile,
    startDaemon,
    input,
    output,
    errors,
    reconnectWindowMs: 300,
  });
  const send = (message: object) =>
    input.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
  const reply = async (id: number) => {
    await waitFor(() => replies.some((r) => r.id === id), 20_000);
    return replies.find((r) => r.id === id)!;
  };
  return { send, reply, replies, exit, end: () => input.end(), errors: () => errorText, env };
}

const INITIALIZE = {
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "editor", version: "1" },
  },
};

describe("the stdio bridge", () => {
  it("keeps the editor's session across daemons, answers the gap, and starts a daemon on demand", async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "# A\n\nalpha words\n" });
    const { env, home } = makeHome({ config: { roots: [root] } });
    const hosts: DaemonHost[] = [];
    const startHost = async () => {
      const host = await startDaemonHost(await openTestHearth(env), silentLogger);
      await host.daemon.settled();
      hosts.push(host);
    };
    await startHost();
    let started = 0;
    const bridge = bridgeOn(env, home, async () => {
      started++;
      await startHost();
    });
    bridge.send({ id: 1, ...INITIALIZE });
    expect((await bridge.reply(1)).result).toBeDefined();
    bridge.send({ method: "notifications/initialized" });
    const search = {
      method: "tools/call",
      params: { name: "search", arguments: { query: "alpha" } },
    };
    bridge.send({ id: 2, ...search });
    expect(JSON.stringify((await bridge.reply(2)).result)).toContain("a.md");

    await hosts[0]!.stop();
    bridge.send({ id: 3, ...search });
    expect((await bridge.reply(3)).result).toMatchObject({ isError: true });
    bridge.send({ id: 4, method: "resources/list", params: {} });
    expect((await bridge.reply(4)).error?.message).toMatch(/Hearth is restarting/);

    // The window passes with no daemon; the editor's next call starts one, and is answered by it.
    await new Promise((r) => setTimeout(r, 400));
    bridge.send({ id: 5, ...search });
    expect(JSON.stringify((await bridge.reply(5)).result)).toContain("a.md");
    expect(started).toBe(1);
    expect(bridge.replies.some((r) => String(r.id).startsWith("hearth-bridge"))).toBe(false);

    // On the wire, progress ends with a final notification before the answer.
    bridge.send({
      id: 6,
      method: "tools/call",
      params: {
        name: "remember",
        arguments: { title: "Wire", text: "order" },
        _meta: { progressToken: "p6" },
      },
    });
    await bridge.reply(6);
    const progress = bridge.replies
      .slice(
        0,
        bridge.replies.findIndex((r) => r.id === 6),
      )
      .filter((r) => (r as { method?: string }).method === "notifications/progress")
      .map((r) => (r as { params: { progress: number; total: number } }).params);
    expect(progress.map((p) => `${p.progress}/${p.total}`)).toEqual(["1/2", "2/2"]);

    bridge.end();
    expect(await bridge.exit).toBe(0);
    await hosts[1]!.stop();
  });

  it("exits non-zero with the reason when no daemon can be started", async () => {
    const { env, home } = makeHome();
    const host = await startDaemonHost(await openTestHearth(env), silentLogger);
    const bridge = bridgeOn(env, home, () =>
      Promise.reject(new Error('config key "search.limit": too big')),
    );
    bridge.send({ id: 1, ...INITIALIZE });
    await bridge.reply(1);
    await host.stop();
    await new Promise((r) => setTimeout(r, 400));
    bridge.send({ id: 2, method: "tools/list", params: {} });
    expect((await bridge.reply(2)).error?.message).toMatch(/could not start.*search\.limit/);
    expect(await bridge.exit).toBe(1);
    expect(bridge.errors()).toMatch(/hearth mcp: the daemon could not be started: .*search\.limit/);
  });
});

describe("the bridge's hello", () => {
  it("gives up, saying why, on a daemon that never answers it (an older Hearth)", async () => {
    const dir = tempDir();
    const socketPath = join(dir, "mcp.sock");
    const silent = createServer(() => undefined).listen(socketPath);
    await new Promise((r) => silent.once("listening", r));
    let err = "";
    const errors = new PassThrough();
    errors.on("data", (d: Buffer) => (err += String(d)));
    const code = await runBridge({
      socketPath,
      startDaemon: () => Promise.reject(new Error("not here")),
      input: new PassThrough(),
      output: new PassThrough(),
      errors,
    });
    silent.close();
    expect(code).toBe(1);
    expect(err).toMatch(/did not answer the bridge's hello[\s\S]*hearth stop/);
  });
});
