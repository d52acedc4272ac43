// Tests: daemon.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { Daemon } from "../../src/daemon/daemon.js";
import { startDaemonHost } from "../../src/host/run-daemon.js";
import { HearthError } from "../../src/errors.js";
import type { Hearth } from "../../src/hearth.js";
import { silentLogger } from "../../src/log.js";
import { NOTES } from "../fixtures.js";
import { scannedPdf, textImage } from "../indexers/images.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { expectConverged, waitFor } from "./converge.js";

async function startDaemon(
  root: string,
  model = true,
  home?: ReturnType<typeof makeHome>,
  debounceMs = 100,
) {
  const h = home ?? makeHome({ model, config: { roots: [root], index: { debounceMs } } });
  const hearth = await openTestHearth(h.env);
  const daemon = await Daemon.start(hearth, silentLogger);
  await daemon.settled();
  return { hearth, daemon, home: h };
}

async function paths(hearth: Hearth, query: string): Promise<string[]> {
  const r = await hearth.searcher.search({
    query,
    mode: "keyword",
    limit: 50,
    filters: {},
    chunksPerFile: 1,
  });
  return r.results.map((x) => x.path);
}

function foldersUnder(dir: string): number {
  return (
    readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory())
      .length + 1
  );
}

function notesRoot(): string {
  const root = tempDir();
  writeTree(root, NOTES);
  return root;
}

describe("daemon", () => {
  it("reconciles at start, then follows create, modify, rename and delete", async () => {
    const root = notesRoot();
    const { hearth, daemon } = await startDaemon(root);
    expect(hearth.store.counts().files).toBe(5);

    writeFileSync(join(root, "bike.md"), "# Bicycle\n\nReplaced the chain and the brake pads.\n");
    await waitFor(async () =>
      (await paths(hearth, "bicycle chain")).includes(join(root, "bike.md")),
    );

    writeFileSync(join(root, "bike.md"), "# Bicycle\n\nNew tyres, tubeless this time.\n");
    await waitFor(async () => (await paths(hearth, "tubeless")).length === 1);
    expect(await paths(hearth, "brake pads")).toEqual([]);

    const embedded = hearth.model.current!.embeddedCount;
    renameSync(join(root, "bike.md"), join(root, "cycling.md"));
    await waitFor(async () => (await paths(hearth, "tubeless"))[0] === join(root, "cycling.md"));
    await daemon.settled();
    expect(await paths(hearth, "tubeless")).toEqual([join(root, "cycling.md")]);
    expect(hearth.model.current!.embeddedCount).toBe(embedded); // a rename re-embeds nothing

    rmSync(join(root, "cycling.md"));
    await waitFor(async () => (await paths(hearth, "tubeless")).length === 0);

    mkdirSync(join(root, "archive/2025"), { recursive: true });
    writeFileSync(join(root, "archive/2025/old.md"), "Old receipts from the hardware store.\n");
    await waitFor(async () => (await paths(hearth, "hardware receipts")).length === 1);
    renameSync(join(root, "archive"), join(root, "attic"));
    await waitFor(
      async () => (await paths(hearth, "hardware receipts"))[0] === join(root, "attic/2025/old.md"),
    );
    rmSync(join(root, "attic"), { recursive: true });
    await waitFor(async () => (await paths(hearth, "hardware receipts")).length === 0);

    await daemon.settled();
    await expectConverged(hearth, root);
    await daemon.stop();
  });

  it("keeps watching folders renamed, moved in and replaced: later saves inside them are indexed at their new paths", async () => {
    const root = notesRoot();
    const outside = tempDir();
    const { hearth, daemon } = await startDaemon(root, false);
    mkdirSync(join(root, "projects/deep"), { recursive: true });
    writeFileSync(join(root, "projects/deep/plan.md"), "The marmalade plan.\n");
    await waitFor(async () => (await paths(hearth, "marmalade")).length === 1);

    // Renamed inside the root: its subfolder's watch must follow the new name.
    renameSync(join(root, "projects"), join(root, "allotment"));
    await waitFor(
      async () => (await paths(hearth, "marmalade"))[0] === join(root, "allotment/deep/plan.md"),
    );
    writeFileSync(join(root, "allotment/deep/later.md"), "Written after the rename: rhubarb.\n");
    await waitFor(async () =>
      (await paths(hearth, "rhubarb")).includes(join(root, "allotment/deep/later.md")),
    );

    // Moved in from outside, with a subfolder: watched too.
    mkdirSync(join(outside, "trip/photos"), { recursive: true });
    renameSync(join(outside, "trip"), join(root, "trip"));
    await daemon.settled();
    writeFileSync(join(root, "trip/photos/notes.md"), "Lighthouse at dawn.\n");
    await waitFor(async () => (await paths(hearth, "lighthouse")).length === 1);

    // Replaced by another folder of the same name.
    rmSync(join(root, "allotment"), { recursive: true });
    mkdirSync(join(outside, "allotment/deep"), { recursive: true });
    renameSync(join(outside, "allotment"), join(root, "allotment"));
    await daemon.settled();
    writeFileSync(join(root, "allotment/deep/new.md"), "The orchard budget.\n");
    await waitFor(async () => (await paths(hearth, "orchard")).length === 1);
    expect(await paths(hearth, "marmalade")).toEqual([]);
    expect(await paths(hearth, "rhubarb")).toEqual([]);

    await daemon.settled();
    await expectConverged(hearth, root);
    // One watch per folder there is now: none left on folders gone, renamed or replaced. (The
    // memory folder is a root too, with no subfolders.)
    expect(daemon.activity().watchedFolders).toBe(foldersUnder(root) + 1);
    await daemon.stop();
  });

  it("indexes a file saved 20 times in a second once, and an atomic save (temp + rename) as one change", async () => {
    const root = notesRoot();
    // A quiet period well above the gaps between saves: only the burst's end may trigger indexing.
    const { hearth, daemon } = await startDaemon(root, true, undefined, 1000);
    const doneBefore = daemon.activity().queue.done;
    for (let i = 0; i < 20; i++) {
      writeFileSync(join(root, "draft.md"), `Draft version ${i} of the speech.\n`);
      await new Promise((r) => setTimeout(r, 40));
    }
    await waitFor(async () => (await paths(hearth, "speech")).length === 1);
    await daemon.settled();
    expect(daemon.activity().queue.done - doneBefore).toBe(1);
    expect(
      rawDb(hearth).prepare("SELECT text FROM chunks WHERE text LIKE 'Draft%'").pluck().get(),
    ).toBe("Draft version 19 of the speech.");

    const before = daemon.activity().queue.done;
    writeFileSync(join(root, ".draft.md.swp"), "Final speech, atomically saved.\n");
    renameSync(join(root, ".draft.md.swp"), join(root, "draft.md"));
    await waitFor(async () => (await paths(hearth, "atomically")).length === 1);
    await daemon.settled();
    expect(daemon.activity().queue.done - before).toBe(1);
    await daemon.stop();
  });

  it("converges after a 2,000-file burst", async () => {
    const root = notesRoot();
    const { hearth, daemon } = await startDaemon(root, false);
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++)
      files[`burst/${i % 10}/n${i}.md`] = `Burst note ${i} about topic${i % 37}.\n`;
    writeTree(root, files);
    await waitFor(() => hearth.store.counts().files === 2005, 60_000);
    await daemon.settled();
    await expectConverged(hearth, root);
    await daemon.stop();
  });

  it("picks up changes made while stopped, without re-reading unchanged files", async () => {
    const root = notesRoot();
    const first = await startDaemon(root);
    await first.daemon.stop();

    writeFileSync(join(root, "home/lease.md"), "# Lease\n\nWe moved out instead.\n");
    rmSync(join(root, "food/smoothie.txt"));
    writeFileSync(join(root, "new.md"), "A note written while Hearth was off.\n");
    const second = await startDaemon(root, true, first.home);
    expect(second.daemon.activity().queue.done).toBe(2); // the edited file and the new one
    expect(await paths(second.hearth, "moved out")).toEqual([join(root, "home/lease.md")]);
    expect(await paths(second.hearth, "smoothie")).toEqual([]);
    expect(await paths(second.hearth, "written while")).toEqual([join(root, "new.md")]);
    await expectConverged(second.hearth, root);
    await second.daemon.stop();
  });

  it("never indexes ignored files or secrets, and re-applies a changed .gitignore", async () => {
    const root = notesRoot();
    writeTree(root, {
      ".env": "API_TOKEN=hunter2secret",
      "keys/server.key": "hunter2secret",
      ".gitignore": "private/\n",
      "private/diary.md": "hunter2secret diary",
    });
    const { hearth, daemon } = await startDaemon(root);
    writeFileSync(join(root, ".env.local"), "OTHER=hunter2secret");
    writeFileSync(join(root, "private/more.md"), "hunter2secret more");
    writeFileSync(join(root, "visible.md"), "visible canary");
    await waitFor(async () => (await paths(hearth, "canary")).length === 1);
    expect(await paths(hearth, "hunter2secret")).toEqual([]);

    writeFileSync(join(root, ".gitignore"), "");
    await waitFor(async () => (await paths(hearth, "diary")).length === 1);
    writeFileSync(join(root, ".gitignore"), "private/\n");
    await waitFor(async () => (await paths(hearth, "diary")).length === 0);
    await daemon.stop();
  });

  it("reads a PDF that turns out to be a scan in the slow lane, by OCR, like a photo", async () => {
    const root = notesRoot();
    writeFileSync(
      join(root, "tax-letter.pdf"),
      await scannedPdf([["TAX OFFICE", "REFUND NOTICE"]]),
    );
    const { hearth, daemon } = await startDaemon(root, false);
    expect(await paths(hearth, "refund notice")).toEqual([join(root, "tax-letter.pdf")]);
    expect(hearth.store.getFile(join(root, "tax-letter.pdf"))!.ocrConfidence).toBeGreaterThan(50);
    await daemon.stop();
  });

  it("reads at start the images it left unread while OCR was off, once it is on", async () => {
    const root = notesRoot();
    writeFileSync(join(root, "bakery.png"), await textImage(["HARBOUR BAKERY"]));
    const config = { roots: [root], web: { enabled: false } };
    const home = makeHome({ config: { ...config, ocr: { enabled: false, languages: ["eng"] } } });
    const first = await startDaemon(root, false, home);
    expect(first.hearth.store.getFile(join(root, "bakery.png"))!.error).toMatch(/OCR is off/);
    await first.daemon.stop();
    await first.hearth.close();
    writeFileSync(join(home.home, "config.json"), JSON.stringify(config));
    const second = await startDaemon(root, false, home);
    expect(await paths(second.hearth, "harbour bakery")).toEqual([join(root, "bakery.png")]);
    await second.daemon.stop();
  });

  it("creates its lock and socket owner-only", async () => {
    const root = notesRoot();
    const home = makeHome({ config: { roots: [root] } });
    const host = await startDaemonHost(await openTestHearth(home.env), silentLogger);
    const files = daemonFiles(home.home);
    expect(statSync(files.lockFile).mode & 0o777).toBe(0o600);
    expect(statSync(files.pidFile).mode & 0o777).toBe(0o600);
    expect(statSync(files.socketFile).mode & 0o777).toBe(0o600);
    await host.stop();
    expect(existsSync(files.pidFile)).toBe(false);
  });

  it("refuses a second daemon on the same HEARTH_HOME", async () => {
    const root = notesRoot();
    const { daemon, home } = await startDaemon(root, false);
    const other = await openTestHearth(home.env);
    const error = await Daemon.start(other, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).message).toMatch(
      new RegExp(`already running \\(pid ${process.pid}\\)`),
    );
    await daemon.stop();
  });
});
