// Tests: reciprocal-rank fusion with a bonus for each list's top three, ties going to the chunk that stands out.
import { describe, expect, it } from "vitest";
import { fuseReciprocalRank } from "../../src/search/fuse.js";

const list = (...ids: number[]) => ids.map((chunkId, i) => ({ chunkId, score: 1 - i / 100 }));

describe("fuseReciprocalRank", () => {
  it("scores a chunk first in every list 1, and ranks agreement above one list's support", () => {
    const fused = fuseReciprocalRank([list(1, 2, 3, 4, 5, 6), list(1, 6, 7, 8, 9, 10)], 60);
    expect(fused[0]).toMatchObject({ chunkId: 1, score: 1 });
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

  it("breaks a tie of equal ranks in favour of the chunk that stands out in its own list", () => {
    // Both lists rank their own chunk fourth; 14's score stands above its list's mean (z ≈ 0.5),
    // 4's below its own (z ≈ −0.3).
    const close = [1, 2, 3, 4, 5, 6].map((chunkId, i) => ({ chunkId, score: 0.8 - i / 1000 }));
    const peaked = [11, 12, 13, 14, 15, 16].map((chunkId, i) => ({
      chunkId,
      score: i < 4 ? 20 - i : 1,
    }));
    for (const lists of [
      [close, peaked],
      [peaked, close],
    ]) {
      const order = fuseReciprocalRank(lists, 60).map((r) => r.chunkId);
      expect(order.indexOf(14)).toBe(order.indexOf(4) - 1);
    }
  });
});
