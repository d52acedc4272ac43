// Tests: one daemon owns a HEARTH_HOME. The lock is the operating system's (released when its
// holder dies), so racing starts yield one owner, and a reused pid never blocks or fools anyone.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { takeOwnership } from "../../src/daemon/ownership-lock.js";
import { HearthError } from "../../src/errors.js";
import { makeHome, tempDir, writeTree } from "../helpers.js";
import { BIN, runCli } from "../cli/run-cli.js";
import { runMain } from "../cli/run-main.js";
import { waitFor } from "./converge.js";

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "race", version: "1" },
  },
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += String(d);
      // A bridge that answered initialize has connected: that is all it has to prove.
      if (stdin && stdout.includes('"id":1')) child.stdin.end();
    });
    child.stderr.on("data", (d: Buffer) => (stderr += String(d)));
    if (stdin) child.stdin.write(stdin + "\n");
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("ownership of a HEARTH_HOME", () => {
  it("is exclusive in one process, and free again once released", () => {
    const files = daemonFiles(tempDir());
    const first = takeOwnership(files);
    let refused: unknown;
    try {
      takeOwnership(files);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(HearthError);
    expect((refused as HearthError).message).toContain(`already running (pid ${process.pid})`);
    first.release();
    takeOwnership(files).release();
  });

  it("is not blocked or faked by a pid file naming a live process that is not a daemon", async () => {
    const { env, home } = makeHome();
    const root = tempDir();
    writeTree(root, { "a.md": "alpha" });
    expect((await runMain(["index", root], env)).code).toBe(0);
    // After a reboot the old pid may belong to anything that lives: here, pid 1.
    writeFileSync(daemonFiles(home).pidFile, "1\n");
    const status = await runMain(["status", "--json"], env);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { daemon: unknown }).daemon).toBeNull();
    takeOwnership(daemonFiles(home)).release();
  });

  it("50 racing starts and bridges leave one daemon, every other start says who owns it", async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "# A\n\nalpha\n" });
    const { env } = makeHome({ config: { roots: [root] } });
    const racers = [
      ...Array.from({ length: 25 }, () => run(["start"], env)),
      ...Array.from({ length: 25 }, () => run(["mcp"], env, INITIALIZE)),
    ];
    // The winner runs until stopped; everyone else is done.
    await waitFor(() => runCli(["status", "--json"], env).stdout.includes('"pid"'), 60_000);
    const status = JSON.parse(runCli(["status", "--json"], env).stdout) as {
      daemon: { pid: number };
    };
    const owner = status.daemon.pid;
    const bridges = await Promise.all(racers.slice(25));
    for (const bridge of bridges) expect(bridge.stdout, bridge.stderr).toContain('"id":1');
    expect(runCli(["stop"], env).stdout).toContain(`stopped (pid ${owner})`);
    const starts = await Promise.all(racers.slice(0, 25));
    const refused = starts.filter((s) => s.code !== 0);
    for (const s of refused) expect(s.stderr).toContain(`already running (pid ${owner})`);
    // Exactly one start ran the daemon (or none did: a bridge's daemon won the race).
    expect(starts.length - refused.length).toBeLessThanOrEqual(1);
  });
});
