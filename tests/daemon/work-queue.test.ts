// Tests: the work queue counts what is still to do in a scope (search's "not indexed yet").
import { describe, expect, it } from "vitest";
import { WorkQueue } from "../../src/daemon/work-queue.js";

describe("WorkQueue.count", () => {
  it("counts queued and running paths that match, and forgets them once done", async () => {
    const release: (() => void)[] = [];
    const queue = new WorkQueue(
      1,
      (_path) => new Promise<void>((resolve) => release.push(resolve)),
      () => undefined,
    );
    for (const p of ["/n/a/1.md", "/n/a/2.md", "/n/b/3.md"]) queue.push(p, false);
    queue.push("/n/a/4.md", true);
    const inA = (path: string) => path.startsWith("/n/a/");
    expect(queue.count(inA)).toBe(3); // one running, two waiting
    expect(queue.count(() => true)).toBe(4);
    while (queue.size > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    await queue.idle();
    expect(queue.count(() => true)).toBe(0);
  });
});

describe("WorkQueue's slow lane", () => {
  it("runs a saved note before queued images, and never gives images the last free slot", async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const queue = new WorkQueue(
      2,
      (path) =>
        new Promise<void>((resolve) => {
          started.push(path);
          release.set(path, resolve);
        }),
      () => undefined,
      (path) => path.endsWith(".jpg"),
    );
    for (let i = 0; i < 5; i++) queue.push(`/n/photos/${i}.jpg`, true);
    expect(started).toEqual(["/n/photos/0.jpg"]); // one slot stays free
    expect(queue.progress()).toMatchObject({ pending: 4, slowPending: 4 });
    queue.push("/n/today.md", true);
    expect(started).toEqual(["/n/photos/0.jpg", "/n/today.md"]);
    release.get("/n/today.md")!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2); // the free slot is not taken by a second image
    release.get("/n/photos/0.jpg")!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.at(-1)).toBe("/n/photos/1.jpg");
  });

  it("reads a photo saved just now before the photos of a backlog", async () => {
    const started: string[] = [];
    const release: (() => void)[] = [];
    const queue = new WorkQueue(
      1,
      (path) => new Promise<void>((resolve) => (started.push(path), release.push(resolve))),
      () => undefined,
      (path) => path.endsWith(".jpg"),
    );
    for (let i = 0; i < 3; i++) queue.push(`/n/old/${i}.jpg`, false);
    queue.push("/n/new.jpg", true);
    release.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["/n/old/0.jpg", "/n/new.jpg"]);
  });

  it("runs a path again in the slow lane when its first run finds it needs OCR", async () => {
    const runs: [string, boolean][] = [];
    const scans = new Set<string>();
    const queue = new WorkQueue(
      2,
      (path, slow) => {
        runs.push([path, slow]);
        if (!slow && path.endsWith(".pdf")) {
          scans.add(path); // what the daemon does on "ocr-later"
          queue.push(path, true);
        }
        return Promise.resolve();
      },
      () => undefined,
      (path) => scans.has(path),
    );
    queue.push("/n/scan.pdf", true);
    await queue.idle();
    expect(runs).toEqual([
      ["/n/scan.pdf", false],
      ["/n/scan.pdf", true],
    ]);
  });
});
