// Tests: no network.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NOTES } from "../fixtures.js";
import { freePort, makeHome, tempDir, writeTree } from "../helpers.js";
import { waitFor } from "./converge.js";

const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

function straceArgs(log: string, args: string[]): string[] {
  return [
    "-f",
    "-qq",
    "-e",
    "trace=connect,bind,sendto,sendmsg",
    "-o",
    log,
    process.execPath,
    BIN,
    ...args,
  ];
}

/** Runs a hearth command under strace, recording every socket address it connects, binds or sends to. */
function traced(args: string[], env: NodeJS.ProcessEnv, log: string): string[] {
  const result = spawnSync("strace", straceArgs(log, args), {
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.error, "strace is needed for this test (apt-get install strace)").toBeUndefined();
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(log, "utf8").split("\n");
}

describe("no network", () => {
  it("index, search, daemon start/status/stop open only unix and loopback sockets", async () => {
    const root = tempDir();
    writeTree(root, NOTES);
    // The page is on, as by default: its server binds loopback only.
    const port = await freePort();
    const { env } = makeHome({
      model: true,
      config: { roots: [root], web: { enabled: true, port } },
    });
    const logs = tempDir();
    const lines = [
      ...traced(["index", root], env, join(logs, "index.txt")),
      ...traced(["search", "apartment lease"], env, join(logs, "search.txt")),
    ];
    // The daemon runs in the foreground under strace while other commands talk to it.
    const daemonLog = join(logs, "daemon.txt");
    const daemon = spawn("strace", straceArgs(daemonLog, ["start"]), { env, stdio: "ignore" });
    const exited = new Promise((resolve) => daemon.once("exit", resolve));
    await waitFor(
      () =>
        spawnSync(process.execPath, [BIN, "status", "--json"], {
          env,
          encoding: "utf8",
        }).stdout.includes('"pid"'),
      30_000,
    );
    lines.push(
      ...traced(["status"], env, join(logs, "status.txt")),
      ...traced(["search", "lease"], env, join(logs, "search-daemon.txt")),
      ...traced(["stop"], env, join(logs, "stop.txt")),
    );
    await exited;
    lines.push(...readFileSync(daemonLog, "utf8").split("\n"));
    const inet = lines.filter((l) => /AF_INET6?\b/.test(l));
    const foreign = inet.filter((l) => !/inet_addr\("127\.|inet_pton\(AF_INET6, "::1"/.test(l));
    expect(foreign).toEqual([]);
    expect(inet.some((l) => l.includes(`bind(`) && l.includes(`htons(${port})`))).toBe(true);
    // The trace did see socket activity: the CLI talking to the daemon over its unix socket.
    expect(lines.some((l) => l.includes("AF_UNIX") && l.includes("daemon.sock"))).toBe(true);
  });
});
