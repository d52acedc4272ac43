// Tests: daemon process.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { Daemon } from "../../src/daemon/daemon.js";
import { runningDaemonPid } from "../../src/daemon/daemon-pid.js";
import { silentLogger } from "../../src/log.js";
import { runCli } from "../cli/run-cli.js";
import { freePort, makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { expectConverged, waitFor } from "./converge.js";

const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

function startChild(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, "start"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function backlog(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    files[`d${i % 20}/note-${i}.md`] =
      `# Note ${i}\n\n${`Paragraph about subject${i % 50} and item${i}. `.repeat(30)}\n`;
  }
  return files;
}

describe("daemon process", () => {
  it("a second start says already running (pid N) and exits non-zero; stop stops it", async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "alpha" });
    const port = await freePort();
    const { env, home } = makeHome({ config: { roots: [root], web: { enabled: true, port } } });
    const child = startChild(env);
    const lock = daemonFiles(home).pidFile;
    await waitFor(() => runningDaemonPid(lock) === child.pid, 30_000);
    await waitFor(() => runCli(["status", "--json"], env).stdout.includes('"pid"'), 30_000);

    const second = runCli(["start"], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`already running (pid ${child.pid})`);
    const oneShot = runCli(["index", root], env);
    expect(oneShot.code).toBe(1);
    expect(oneShot.stderr).toMatch(/only writer of the index[\s\S]*hearth add DIR/);

    // The built daemon serves the built page: `hearth open` signs in, the page loads.
    const link = runCli(["open", "--no-browser"], env).stdout.trim();
    const signIn = await fetch(link, { redirect: "manual" });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/assets/app.js">');
    const script = await fetch(`http://127.0.0.1:${port}/assets/app.js`);
    expect(script.status).toBe(200);

    const status = JSON.parse(runCli(["status", "--json"], env).stdout) as {
      daemon: { pid: number };
    };
    expect(status.daemon.pid).toBe(child.pid);
    const stop = runCli(["stop"], env);
    expect(stop.stdout).toContain(`stopped (pid ${child.pid})`);
    await waitFor(() => child.exitCode !== null);
    expect(child.exitCode).toBe(0);
  });

  it("killed with SIGKILL mid-backlog, it recovers the stale lock and converges on restart", async () => {
    const root = tempDir();
    writeTree(root, backlog(800));
    const { env, home } = makeHome({ model: true, config: { roots: [root] } });
    const child = startChild(env);
    // Wait until the backlog is part-way through, then kill without warning.
    await waitFor(() => {
      const out = runCli(["status", "--json"], env);
      if (out.code !== 0) return false;
      const s = JSON.parse(out.stdout) as { files: number };
      return s.files > 50;
    }, 60_000);
    child.kill("SIGKILL");
    await waitFor(() => child.exitCode !== null || child.signalCode !== null);
    expect(runningDaemonPid(daemonFiles(home).pidFile)).toBeNull();

    writeFileSync(join(root, "after-crash.md"), "Written after the crash.\n");
    const hearth = await openTestHearth(env);
    const daemon = await Daemon.start(hearth, silentLogger); // takes over the stale lock
    await daemon.settled();
    expect(hearth.store.counts().files).toBe(801);
    await expectConverged(hearth, root);
    await daemon.stop();
  });
});
