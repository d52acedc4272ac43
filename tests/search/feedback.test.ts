// Tests: pseudo-relevance feedback, long queries and passages in keyword search.
import { utimesSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { feedbackTerms } from "../../src/search/feedback.js";
import { parseQuery, repeatedAsOften } from "../../src/search/fts-query.js";
import type { SearchRequest } from "../../src/search/search.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";

const TOPICS = [
  "tomatoes compost soil",
  "invoice paper toner",
  "train ticket Kyoto",
  "piano scales",
];

let hearth: Hearth;
let root: string;

function keyword(query: string): SearchRequest {
  return { query, mode: "keyword", limit: 10, filters: {}, chunksPerFile: 1 };
}

async function paths(query: string): Promise<string[]> {
  const { results } = await hearth.searcher.search(keyword(query));
  return results.map((r) => r.path.slice(root.length + 1));
}

describe("feedback terms", () => {
  it("takes the words the best documents share, not the query's, stop words or numbers", () => {
    const terms = feedbackTerms(
      [
        { text: "The kestrel and the harrier hunt the marsh in 2024", score: 5 },
        { text: "A kestrel, a harrier and a heron", score: 4 },
        { text: "An unrelated plover far below", score: 0 },
      ],
      ["marsh", "hunt"],
      3,
    );
    expect(terms).toEqual(["kestrel", "harrier", "heron"]);
    expect(feedbackTerms([], ["marsh"], 3)).toEqual([]);
  });
});

describe("a passage's repeated words", () => {
  it("count as often as the query says them outside its phrases, at most the cap", () => {
    const repeated = (text: string) => {
      const query = parseQuery(text);
      return repeatedAsOften(query, query.terms, 3);
    };
    expect(repeated('glacier "glacier retreat" moraine glacier')).toEqual([
      "glacier",
      "glacier",
      "moraine",
    ]);
    expect(repeated("glacier glacier glacier glacier glacier retreat")).toEqual([
      "glacier",
      "glacier",
      "glacier",
      "retreat",
    ]);
  });
});

describe("keyword search with feedback", () => {
  beforeAll(async () => {
    const dir = tempDir();
    const fillers: Record<string, string> = {};
    for (let i = 0; i < 24; i++) fillers[`filler/${i}.md`] = `Note ${i} about ${TOPICS[i % 4]}.\n`;
    writeTree(dir, {
      ...fillers,
      "birds/best.md":
        "Raptors migrate over the marsh at dawn: the kestrel, the harrier, the osprey, the " +
        "buzzard, the falcon and the merlin follow valleys, ridges, coastlines and rivers southward.\n",
      "birds/shares.md": "The marsh keeps a kestrel and a harrier.\n",
      "birds/other.md": "The marsh keeps a heron and a plover.\n",
      "birds/no-query-word.md": "A kestrel and a harrier.\n",
      // A long query's rare word, after more than 32 common ones.
      ...Object.fromEntries(
        [1, 2, 3, 4, 5].map((n) => [`common/${n}.md`, `${commonWords().join(" ")}\n`]),
      ),
      "rare.md": "The zygomorphic flower.\n",
      // Moraine says its word more often; a passage that repeats "glacier" is about glaciers.
      "ice/glacier.md": "Glacier.\n",
      "ice/moraine.md": "Moraine moraine.\n",
    });
    // Equally relevant by the query's own words, "other" is the newer: it wins ties.
    const older = new Date("2024-05-01T00:00:00Z");
    utimesSync(join(dir, "birds/shares.md"), older, older);
    const { env } = makeHome();
    hearth = await openTestHearth(env);
    root = (await indexRoot(hearth.indexDeps, dir, { concurrency: 2 })).root;
  });

  it("ranks higher the document that says what the best one says, bringing in none without the query's words", async () => {
    const found = await paths("raptors migrate marsh dawn");
    expect(found[0]).toBe("birds/best.md");
    expect(found.indexOf("birds/shares.md")).toBeLessThan(found.indexOf("birds/other.md"));
    expect(found).toContain("birds/other.md");
    expect(found).not.toContain("birds/no-query-word.md");
  });

  it("leaves a short query's order to its own words", async () => {
    const found = await paths("marsh keeps");
    expect(found.indexOf("birds/other.md")).toBeLessThan(found.indexOf("birds/shares.md"));
    expect(found).toContain("birds/shares.md");
  });

  it("keeps a long query's rarest words when it has more than 32", async () => {
    // Cut at its first 32 words, the query would not look for the one word rare.md holds.
    const found = await paths(`${commonWords().join(" ")} zygomorphic`);
    expect(found).toContain("rare.md");
    // Words no file holds (typos, names never written down) match nothing: they do not take its place.
    const absent = Array.from({ length: 32 }, (_, i) => `nowhere${i}word`).join(" ");
    expect(await paths(`${absent} ${commonWords().join(" ")} zygomorphic`)).toContain("rare.md");
  });

  it("counts a passage's repeated words as often as it says them, a short query's once", async () => {
    const passage = `glacier ${Array.from({ length: 14 }, (_, i) => `nowhere${i}word`).join(" ")}`;
    const long = await paths(`${passage} glacier moraine glacier`);
    expect(long.slice(0, 2)).toEqual(["ice/glacier.md", "ice/moraine.md"]);
    const short = await paths("glacier moraine glacier glacier");
    expect(short.slice(0, 2)).toEqual(["ice/moraine.md", "ice/glacier.md"]);
  });
});

/** 40 made-up words every "common" note holds. */
function commonWords(): string[] {
  return Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}x`);
}
