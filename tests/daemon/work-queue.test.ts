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
