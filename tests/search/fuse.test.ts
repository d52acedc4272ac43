// Tests: reciprocal-rank fusion with a bonus for each list's top three.
import { describe, expect, it } from "vitest";
import { fuseReciprocalRank } from "../../src/search/fuse.js";

const list = (...ids: number[]) => ids.map((chunkId, i) => ({ chunkId, score: 1 - i / 100 }));

describe("fuseReciprocalRank", () => {
  it("scores a chunk first in every list 1, and ranks agreement above one list's support", () => {
    const fused = fuseReciprocalRank([list(1, 2, 3, 4, 5, 6), list(1, 6, 7, 8, 9, 10)], 60);
    expect(fused[0]).toEqual({ chunkId: 1, score: 1 });
    // 6 is sixth in one list and second in the other: above 2, which only one list has.
    expect(fused.findIndex((r) => r.chunkId === 6)).toBeLessThan(
      fused.findIndex((r) => r.chunkId === 2),
    );
  });

  it("keeps each list's best match above chunks that both lists rank low", () => {
    const a = list(1, 20, 21, 22, 23, 30, 31);
    const b = list(2, 21, 20, 23, 22, 31, 30);
    const order = fuseReciprocalRank([a, b], 60).map((r) => r.chunkId);
    // Without the bonus, 20 and 21 (in both lists) would outrank 1 and 2 (each in one list).
    expect(order.slice(0, 2).sort()).toEqual([1, 2]);
    expect(order.indexOf(30)).toBeGreaterThan(order.indexOf(23));
  });
});
