// Tests: `hearth models use` against a running daemon — re-embeds in the background while searches
// answer, swaps, writes the config; a switch cut short by a stop resumes when the daemon starts again.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Daemon, type DaemonStatus } from "../../src/daemon/daemon.js";
import { silentLogger } from "../../src/log.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, testModelPath, writeTree } from "../helpers.js";
import { makeSecondModel } from "../model-switch-fixtures.js";
import { runCliAsync } from "../cli/run-cli.js";

async function until(daemon: Daemon, done: (s: DaemonStatus) => boolean): Promise<DaemonStatus> {
  for (let i = 0; i < 600; i++) {
    const status = daemon.status();
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
    const daemon = await Daemon.start(hearth, silentLogger);
    try {
      await daemon.settled();
      const modelB = makeSecondModel();
      const started = await daemon.useModel(modelB);
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
      expect(await daemon.useModel(modelB)).toMatchObject({ outcome: "under way" });

      const after = await until(daemon, (s) => s.modelSwitch === null);
      expect(after.lastModelSwitch).toMatchObject({ modelPath: modelB, switched: true });
      expect(after.model).toBe("hearth-test-bow"); // B is generated with the same general.name
      expect(hearth.store.activeModel()!.dimensions).toBe(32);
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
      expect(hearth.store.activeModel()!.dimensions).toBe(64);
    } finally {
      await daemon.stop();
    }
  });

  it("resumes a switch cut short by a stop when the daemon starts again", async () => {
    const root = tempDir();
    writeTree(root, manyNotes(1500));
    const { env } = makeHome({ model: true, config: { roots: [root] } });
    const first = await Daemon.start(await openTestHearth(env), silentLogger);
    await first.settled();
    const modelB = makeSecondModel();
    await first.useModel(modelB);
    await first.stop(); // mid-switch: the pending switch stays in the index

    const hearth = await openTestHearth(env);
    const pending = hearth.store.pendingSwitch();
    expect(pending?.modelPath).toBe(modelB);
    expect(hearth.store.activeModel()!.dimensions).toBe(64); // still A
    const second = await Daemon.start(hearth, silentLogger);
    try {
      const done = await until(second, (s) => s.lastModelSwitch?.switched === true);
      expect(done.modelSwitch).toBeNull();
      expect(hearth.store.activeModel()!.dimensions).toBe(32);
      expect(hearth.store.pendingSwitch()).toBeNull();
    } finally {
      await second.stop();
    }
  });
});
