// Tests: the read text cache extracts a content once, forgets the least recently read first, and
// never answers for changed content.
import { describe, expect, it } from "vitest";
import { TextCache } from "../../src/service/text-cache.js";

describe("read text cache", () => {
  it("extracts each content once while it fits, the least recently read leaving first", async () => {
    const cache = new TextCache(10);
    const extracted: string[] = [];
    const read = (hash: string, text: string) =>
      cache.get(hash, () => {
        extracted.push(hash);
        return Promise.resolve(text);
      });
    expect(await read("a", "aaaa")).toBe("aaaa");
    expect(await read("a", "ignored")).toBe("aaaa");
    await read("b", "bbbb");
    await read("a", "aaaa"); // a is now the most recent
    await read("c", "cccc"); // over 10 characters: b goes
    await read("a", "aaaa");
    await read("b", "bbbb");
    expect(extracted).toEqual(["a", "b", "c", "b"]);
    // Too big to keep: extracted every time, keeping nothing out.
    await read("big", "x".repeat(11));
    await read("big", "x".repeat(11));
    expect(extracted.filter((h) => h === "big")).toHaveLength(2);
  });

  it("extracts a content read twice at once once, and counts it once", async () => {
    const cache = new TextCache(8);
    let calls = 0;
    const slow = () =>
      new Promise<string>((resolve) => {
        calls++;
        setTimeout(() => resolve("aaaa"), 10);
      });
    expect(await Promise.all([cache.get("a", slow), cache.get("a", slow)])).toEqual([
      "aaaa",
      "aaaa",
    ]);
    expect(calls).toBe(1);
    // 4 of 8 characters used, not 8: another 4 fits beside it.
    await cache.get("b", () => Promise.resolve("bbbb"));
    await cache.get("a", () => Promise.reject(new Error("a was dropped")));
  });

  it("does not keep a failed extraction", async () => {
    const cache = new TextCache(100);
    await expect(cache.get("h", () => Promise.reject(new Error("damaged")))).rejects.toThrow(
      "damaged",
    );
    expect(await cache.get("h", () => Promise.resolve("now readable"))).toBe("now readable");
  });
});
