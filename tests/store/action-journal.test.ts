// Tests: the action journal keeps the previous versions of the latest actions only.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers.js";

describe("the action journal", () => {
  it("keeps the previous version of the latest `keep` actions; undone actions keep none", () => {
    const store = Store.open(join(tempDir(), "index.sqlite"));
    const add = (n: number) => {
      const id = store.actions.begin({
        at: n,
        client: "c",
        profile: null,
        tool: "edit_note",
        path: `/n/${n}.md`,
        toPath: null,
        beforeHash: "b",
        afterHash: "a",
        beforeBytes: Buffer.from(`v${n}`),
      });
      store.actions.done(id, 2);
      return id;
    };
    const ids = [1, 2, 3].map(add);
    expect(store.actions.latest(10).map((a) => [a.id, a.restorable])).toEqual([
      [ids[2], true],
      [ids[1], true],
      [ids[0], false],
    ]);
    expect(store.actions.latest(10).map((a) => a.pending)).toEqual([false, false, false]);
    expect(store.actions.previousVersion(ids[1]!)?.toString()).toBe("v2");
    store.actions.markUndone(ids[2]!, 10);
    expect(store.actions.undoable(10).map((a) => a.id)).toEqual([ids[1], ids[0]]);
    expect(store.actions.previousVersion(ids[2]!)).toBeNull();
    const pending = store.actions.begin({
      at: 4,
      client: "c",
      profile: null,
      tool: "create_note",
      path: "/n/new.md",
      toPath: null,
      beforeHash: null,
      afterHash: "a",
      beforeBytes: null,
    });
    expect(store.actions.undoable(10).map((a) => a.id)).not.toContain(pending);
    expect(store.actions.unsettled().map((a) => a.id)).toEqual([pending]);
    store.actions.discard(pending);
    expect(store.actions.get(pending)).toBeNull();
    expect(store.actions.prune(2)).toBe(1);
    store.close();
  });
});
