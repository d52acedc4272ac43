// Tests: reranking the top results with a GGUF reranker through node-llama-cpp's ranking context —
// on request, within a time budget, "auto" off on a CPU, and a model without a ranking head refused.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { indexRoot } from "../../src/pipeline/index-root.js";
import type { SearchRequest } from "../../src/search/search.js";
import { writeTestModel } from "../../scripts/test-model/bert-bag-of-words.js";
import { makeHome, openTestHearth, tempDir, testModelPath, writeTree } from "../helpers.js";
import { runCli } from "../cli/run-cli.js";
import { serviceOver } from "../../src/host/open-service.js";
import { connectInProcess } from "../mcp/in-process.js";

let root: string;
let reranker: string;

const request = (extra: Partial<SearchRequest> = {}): SearchRequest => ({
  query: "banana smoothie yogurt",
  mode: "hybrid",
  limit: 5,
  filters: {},
  chunksPerFile: 1,
  ...extra,
});

async function hearthWith(rerank: Record<string, unknown>, gpu: false | "auto" = false) {
  const { env } = makeHome({
    model: true,
    config: {
      roots: [root],
      embedding: { gpu },
      search: { rerank: { model: reranker, ...rerank } },
    },
  });
  const hearth = await openTestHearth(env);
  await indexRoot(hearth.indexDeps, root, { concurrency: 1 });
  return { hearth, env };
}

describe("reranking", () => {
  beforeAll(() => {
    root = tempDir();
    // Same length: the reranker can only tell them apart by the words they share with the query.
    writeTree(root, {
      "match.md": "A banana smoothie with yogurt is what I drink every morning before work.",
      "other.md": "The cherry tomatoes by the fence are what I water every morning before work.",
      "rent.md": "The monthly rent rises by three percent from March; the deposit stays the same.",
    });
    reranker = join(tempDir(), "hearth-test-reranker.gguf");
    writeTestModel(reranker, { reranker: true });
  });

  it("re-scores the top results and says so", async () => {
    const { hearth } = await hearthWith({ enabled: true, budgetMs: 30_000 });
    const response = await hearth.searcher.search(request());
    expect(response.rerank).toMatchObject({ ran: true, reranked: 3 });
    expect(response.rerank!.reason).toBeUndefined();
    const scores = response.results.map((r) => r.rerankScore!);
    expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(response.results[0]!.path).toBe(join(root, "match.md"));
    const other = response.results.find((r) => r.path.endsWith("other.md"))!;
    expect(response.results[0]!.rerankScore!).toBeGreaterThan(other.rerankScore!);

    const off = await hearth.searcher.search(request({ rerank: false }));
    expect(off.rerank).toBeUndefined();
    expect(off.results.every((r) => r.rerankScore === undefined)).toBe(true);
  });

  it("reports progress over MCP while it reranks, ending with a final notification", async () => {
    const { hearth } = await hearthWith({ enabled: true, budgetMs: 30_000 });
    const client = await connectInProcess(await serviceOver(hearth));
    const progress: string[] = [];
    await client.callTool(
      { name: "search", arguments: { query: "banana smoothie yogurt", rerank: true } },
      { onprogress: (p) => progress.push(`${p.progress}/${p.total} ${p.message}`) },
    );
    expect(progress).toEqual([
      "1/3 reranked 1 of 3",
      "2/3 reranked 2 of 3",
      "3/3 reranked 3 of 3",
      "1/1 done",
    ]);
  });

  it("stops when the time budget is spent, keeping the fused order for the rest", async () => {
    const { hearth } = await hearthWith({ enabled: true, budgetMs: 0 });
    const plain = await hearth.searcher.search(request({ rerank: false }));
    const response = await hearth.searcher.search(request());
    expect(response.rerank).toMatchObject({ ran: false, reranked: 0 });
    expect(response.rerank!.reason).toMatch(
      /time budget \(search.rerank.budgetMs 0\) spent after 0 of 3/,
    );
    expect(response.results.map((r) => r.path)).toEqual(plain.results.map((r) => r.path));
  });

  it('is off by default on a CPU with "auto", and says why when asked for', async () => {
    const { hearth, env } = await hearthWith({ enabled: "auto" });
    expect(hearth.reranker).toBeNull(); // not even loaded
    expect((await hearth.searcher.search(request())).rerank).toBeUndefined();
    const asked = await hearth.searcher.search(request({ rerank: true }));
    expect(asked.rerank).toMatchObject({ ran: false });
    expect(asked.rerank!.reason).toMatch(/off on a CPU[\s\S]*set it to true/);

    const cli = runCli(["search", "--rerank", "banana", "smoothie"], env);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toMatch(/not reranked: reranking is off on a CPU/);
  });

  it("refuses a model without a ranking head as the reranker", async () => {
    const { env } = makeHome({
      model: true,
      config: { search: { rerank: { enabled: true, model: testModelPath() } } },
    });
    await expect(openTestHearth(env)).rejects.toThrow(
      /is not a reranker[\s\S]*models pull bge-reranker-v2-m3/,
    );
  });
});
