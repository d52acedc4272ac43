// Tests: the control socket answers every line — malformed, unknown, or with bad parameters —
// with an error that says what to send, validated by the same schemas as MCP; never a silence.
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { callDaemon } from "../../src/rpc/control-socket.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";

let host: DaemonHost;
let socketFile: string;

/** Sends raw lines and collects one answer per line. */
async function exchange(lines: string[]): Promise<Record<string, unknown>[]> {
  const socket = connect(socketFile);
  const answers: Record<string, unknown>[] = [];
  const done = new Promise<void>((resolve) =>
    createInterface({ input: socket }).on("line", (line) => {
      answers.push(JSON.parse(line) as Record<string, unknown>);
      if (answers.length === lines.length) resolve();
    }),
  );
  socket.write(lines.map((l) => l + "\n").join(""));
  await done;
  socket.end();
  return answers;
}

describe("the control socket", () => {
  beforeAll(async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "alpha words" });
    const { env, home } = makeHome({ config: { roots: [root] } });
    host = await startDaemonHost(await openTestHearth(env), silentLogger);
    await host.daemon.settled();
    socketFile = daemonFiles(home).socketFile;
  });
  afterAll(() => host.stop());

  it("answers malformed and unknown requests instead of leaving the client waiting", async () => {
    const [notJson, noMethod, unknown] = await exchange([
      "this is not json",
      JSON.stringify({ id: 2 }),
      JSON.stringify({ id: 3, method: "drop_tables" }),
    ]);
    expect(notJson).toMatchObject({ id: null, error: { code: "BAD_ARGUMENT" } });
    expect(JSON.stringify(notJson)).toMatch(/not JSON/);
    expect(noMethod).toMatchObject({ id: 2, error: { code: "BAD_ARGUMENT" } });
    expect(unknown).toMatchObject({ id: 3, error: { code: "BAD_ARGUMENT" } });
    expect(JSON.stringify(unknown)).toMatch(/methods: status, search/);
  });

  it("validates parameters with the service's schemas", async () => {
    await expect(callDaemon(socketFile, "search", { query: "" })).rejects.toThrow(
      /search: "query": must not be empty/,
    );
    await expect(callDaemon(socketFile, "search", { query: "x", sql: "1" })).rejects.toThrow(
      /unknown field "sql"/,
    );
    await expect(callDaemon(socketFile, "use-model", { modelPath: 42 })).rejects.toThrow(
      /use-model: "modelPath"/,
    );
    const ok = await callDaemon<{ results: unknown[] }>(socketFile, "search", {
      query: "alpha",
      mode: "keyword",
    });
    expect(ok.results).toHaveLength(1);
  });
});
