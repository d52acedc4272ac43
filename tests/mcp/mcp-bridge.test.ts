// Tests: hearth mcp (the stdio bridge).
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { runningDaemonPid } from "../../src/daemon/daemon-pid.js";
import { NOTES } from "../fixtures.js";
import { makeHome, tempDir, writeTree } from "../helpers.js";
import { runCli } from "../cli/run-cli.js";
import { waitFor } from "../daemon/converge.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

describe("hearth mcp (the stdio bridge)", () => {
  // Generous limits: on two busy cores the on-demand daemon start can take a while.
  it(
    "starts the daemon on demand, and writes nothing but JSON-RPC to stdout",
    { timeout: 180_000 },
    async () => {
      const root = tempDir();
      writeTree(root, NOTES);
      const { env, home } = makeHome({ model: true, config: { roots: [root] } });
      const child = spawn(process.execPath, [BIN, "mcp"], {
        env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      onTestFinished(() => {
        // Whatever happened, stop the daemon this test started on demand.
        child.kill();
        runCli(["stop"], env);
      });
      const lines: string[] = [];
      const responses = new Map<number, Record<string, unknown>>();
      createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line);
        const message = JSON.parse(line) as { id?: number };
        if (typeof message.id === "number") responses.set(message.id, message);
      });
      const send = (message: object) =>
        child.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");

      send({
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-11-25",
          capabilities: {},
          clientInfo: { name: "raw", version: "0" },
        },
      });
      await waitFor(() => responses.has(1), 120_000);
      send({ method: "notifications/initialized" });
      await waitFor(() => runCli(["status", "--json"], env).stdout.includes('"files": 5'), 30_000);
      send({
        id: 2,
        method: "tools/call",
        params: { name: "search", arguments: { query: "banana smoothie" } },
      });
      await waitFor(() => responses.has(2), 30_000);
      const result = responses.get(2)!.result as {
        structuredContent: { results: { path: string }[] };
      };
      expect(result.structuredContent.results[0]?.path).toBe(join(root, "food/smoothie.txt"));
      for (const line of lines)
        expect((JSON.parse(line) as { jsonrpc: string }).jsonrpc).toBe("2.0");

      const audit = runCli(["audit", "--json"], env);
      const entries = (
        JSON.parse(audit.stdout) as { entries: { tool: string; client: string; paths: string[] }[] }
      ).entries;
      expect(entries[0]).toMatchObject({ tool: "search", client: "raw 0" });
      expect(entries[0]!.paths[0]).toBe(join(root, "food/smoothie.txt"));
      expect(runCli(["audit"], env).stdout).toMatch(/raw 0 {2}search/);

      // A restart under the editor: stop closes the connection, the process ends, and a call made
      // in the gap is answered at once; once a daemon is back, the same session goes on.
      const first = runningDaemonPid(daemonFiles(home).pidFile)!;
      expect(runCli(["stop"], env).stdout).toContain(`stopped (pid ${first})`);
      await waitFor(() => !isAlive(first), 10_000);
      send({ id: 3, method: "tools/call", params: { name: "status", arguments: {} } });
      await waitFor(() => responses.has(3), 10_000);
      expect(JSON.stringify(responses.get(3))).toMatch(/Hearth is restarting/);
      expect(runCli(["start", "--detach"], env).code).toBe(0);
      await waitFor(async () => {
        send({ id: 4, method: "tools/call", params: { name: "status", arguments: {} } });
        await waitFor(() => responses.has(4), 10_000);
        const done = !JSON.stringify(responses.get(4)).includes("restarting");
        if (!done) responses.delete(4);
        return done;
      }, 30_000);
      expect(responses.get(4)!.result).toMatchObject({ structuredContent: { files: 5 } });
      expect(lines.some((l) => l.includes("hearth-bridge-replay"))).toBe(false);

      child.stdin.end();
      await waitFor(() => child.exitCode !== null, 10_000);
      expect(child.exitCode).toBe(0);
      expect(runningDaemonPid(daemonFiles(home).pidFile)).not.toBeNull(); // it serves the next client

      expect(runCli(["stop"], env).code).toBe(0);
    },
  );

  it("exits non-zero and tells the client why when the daemon cannot start (a bad config)", () => {
    const { env, home } = makeHome();
    writeFileSync(join(home, "config.json"), JSON.stringify({ search: { limit: "many" } }));
    const bridge = spawnSync(process.execPath, [BIN, "mcp"], { env, encoding: "utf8", input: "" });
    expect(bridge.status).not.toBe(0);
    expect(bridge.stderr).toMatch(/daemon did not start[\s\S]*config key "search\.limit"/);
    expect(bridge.stdout).toBe("");
  });
});
