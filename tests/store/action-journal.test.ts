// Tests: the action journal keeps the previous versions of the latest actions only.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers.js";

describe("the action journal", () => {
  it("keeps the previous version of the latest `keep` actions; undone actions keep none", () => {
    const store = Store.open(join(tempDir(), "index.sqlite"));
    const add = (n: number) =>
      store.actions.add(
        {
          at: n,
          client: "c",
          profile: null,
          tool: "edit_note",
          path: `/n/${n}.md`,
          toPath: null,
          beforeHash: "b",
          afterHash: "a",
          beforeBytes: Buffer.from(`v${n}`),
        },
        2,
      );
    const ids = [1, 2, 3].map(add);
    expect(store.actions.latest(10).map((a) => [a.id, a.restorable])).toEqual([
      [ids[2], true],
      [ids[1], true],
      [ids[0], false],
    ]);
    expect(store.actions.previousVersion(ids[1]!)?.toString()).toBe("v2");
    store.actions.markUndone(ids[2]!, 10);
    expect(store.actions.undoable(10).map((a) => a.id)).toEqual([ids[1], ids[0]]);
    expect(store.actions.previousVersion(ids[2]!)).toBeNull();
    expect(store.actions.prune(2)).toBe(1);
    store.close();
  });
});
