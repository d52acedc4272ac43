// Tests: `hearth models use` against a running daemon — re-embeds in the background while searches
// answer, swaps, writes the config; a switch cut short by a stop resumes when the daemon starts again.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { CLI_CALLER } from "../../src/service/caller.js";
import type { DaemonStatus } from "../../src/service/ops/status.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, testModelPath, writeTree } from "../helpers.js";
import { makeSecondModel } from "../model-switch-fixtures.js";
import { runCliAsync } from "../cli/run-cli.js";

async function daemonStatus(host: DaemonHost): Promise<DaemonStatus> {
  return (await host.service.status(CLI_CALLER)).daemon!;
}

async function until(host: DaemonHost, done: (s: DaemonStatus) => boolean): Promise<DaemonStatus> {
  for (let i = 0; i < 600; i++) {
    const status = await daemonStatus(host);
    if (done(status)) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

/** Enough notes that re-embedding takes a while. */
function manyNotes(n: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `many/note-${i}.md`,
      `# Note ${i}\n\nwalked ${i} miles along the river word${i} and wrote it down in the notebook`,
    ]),
  );
}

describe("models use with a daemon", () => {
  it("switches in the background while searches answer, then writes the config", async () => {
    const root = tempDir();
    writeTree(root, { ...NOTES, ...manyNotes(300) });
    const { home, env } = makeHome({ model: true, config: { roots: [root] } });
    const hearth = await openTestHearth(env);
    const host = await startDaemonHost(hearth, silentLogger);
    const { daemon } = host;
    try {
      await daemon.settled();
      const modelB = makeSecondModel();
      const started = { outcome: await daemon.useModel(modelB), status: await daemonStatus(host) };
      expect(started.outcome).toBe("started");
      expect(started.status.modelSwitch).toMatchObject({ modelPath: modelB });
      // Searches answer during the switch, with the model that is still active.
      const during = await hearth.searcher.search({
        query: "banana smoothie with yogurt",
        mode: "semantic",
        limit: 3,
        filters: {},
        chunksPerFile: 1,
      });
      expect(during.results[0]!.path).toBe(join(root, "food/smoothie.txt"));
      expect({ outcome: await daemon.useModel(modelB) }).toMatchObject({ outcome: "under way" });

      const after = await until(host, (s) => s.modelSwitch === null);
      expect(after.lastModelSwitch).toMatchObject({ modelPath: modelB, switched: true });
      expect(after.model).toBe("hearth-test-bow"); // B is generated with the same general.name
      expect(hearth.store.vectors.activeModel()!.dimensions).toBe(32);
      expect(after.vectors).toBe(after.chunks);
      const config = JSON.parse(readFileSync(join(home, "config.json"), "utf8")) as {
        embedding: { model: string };
      };
      expect(config.embedding.model).toBe(modelB);
      const hits = await hearth.searcher.search({
        query: "banana smoothie with yogurt",
        mode: "semantic",
        limit: 3,
        filters: {},
        chunksPerFile: 1,
      });
      expect(hits.results[0]!.path).toBe(join(root, "food/smoothie.txt"));

      // The CLI follows a switch through the daemon until it is done.
      const back = await runCliAsync(["models", "use", testModelPath()], env);
      expect(back.stderr).not.toMatch(/error/i);
      expect(back.code).toBe(0);
      expect(back.stdout).toMatch(/now using/);
      expect(hearth.store.vectors.activeModel()!.dimensions).toBe(64);
    } finally {
      await host.stop();
    }
  });

  it("resumes a switch cut short by a stop when the daemon starts again", async () => {
    const root = tempDir();
    writeTree(root, manyNotes(1500));
    const { env } = makeHome({ model: true, config: { roots: [root] } });
    const first = await startDaemonHost(await openTestHearth(env), silentLogger);
    await first.daemon.settled();
    const modelB = makeSecondModel();
    await first.daemon.useModel(modelB);
    await first.stop(); // mid-switch: the pending switch stays in the index

    const hearth = await openTestHearth(env);
    const pending = hearth.store.vectors.pendingSwitch();
    expect(pending?.modelPath).toBe(modelB);
    expect(hearth.store.vectors.activeModel()!.dimensions).toBe(64); // still A
    const second = await startDaemonHost(hearth, silentLogger);
    try {
      const done = await until(second, (s) => s.lastModelSwitch?.switched === true);
      expect(done.modelSwitch).toBeNull();
      expect(hearth.store.vectors.activeModel()!.dimensions).toBe(32);
      expect(hearth.store.vectors.pendingSwitch()).toBeNull();
    } finally {
      await second.stop();
    }
  });
});
