// Tests: OllamaEmbedder.
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlamaEmbedder } from "../../src/embed/llama-embedder.js";
import { OllamaEmbedder } from "../../src/embed/ollama-embedder.js";
import { silentLogger } from "../../src/log.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { KNOWN_QUERIES, NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, testModelPath, writeTree } from "../helpers.js";

// A server speaking Ollama's /api/embed, backed by the generated model, so vectors mean something.
let server: Server;
let url: string;
let model: LlamaEmbedder;
const requests: { model: string; input: string[] }[] = [];

describe("OllamaEmbedder", () => {
  beforeAll(async () => {
    model = await LlamaEmbedder.load({
      modelPath: testModelPath(),
      gpu: false,
      threads: 1,
      log: silentLogger,
    });
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        void (async () => {
          const parsed = JSON.parse(body) as { model: string; input: string[] };
          requests.push(parsed);
          if (req.url !== "/api/embed" || parsed.model !== "nomic-embed-text") {
            res.writeHead(404).end(
              JSON.stringify({
                error: `model "${parsed.model}" not found, try pulling it first`,
              }),
            );
            return;
          }
          const vectors = await model.embedDocuments(parsed.input);
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ embeddings: vectors.map((v) => [...v]) }));
        })();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await model.close();
  });

  it("indexes and searches through Ollama's embed API, with the model's prompt format", async () => {
    const root = tempDir();
    writeTree(root, NOTES);
    const { env } = makeHome({
      config: {
        embedding: {
          backend: "ollama",
          ollama: { url, model: "nomic-embed-text", allowRemote: false },
        },
      },
    });
    const hearth = await openTestHearth(env);
    expect(hearth.model.current!.info.fingerprint).toBe("ollama:nomic-embed-text/nomic/64d");
    const report = await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    expect(report.chunksEmbedded).toBe(hearth.store.counts().chunks);
    expect(requests.some((r) => r.input.some((t) => t.startsWith("search_document: ")))).toBe(true);
    const [query, expected] = KNOWN_QUERIES[0]!;
    const { results } = await hearth.searcher.search({
      query,
      mode: "semantic",
      limit: 3,
      filters: {},
      chunksPerFile: 1,
    });
    expect(results.map((r) => r.path)).toContain(join(report.root, expected));
    expect(requests.at(-1)!.input[0]).toBe(`search_query: ${query}`);
  });

  it("refuses a remote server unless allowed, and explains a missing model or a server that is down", async () => {
    await expect(
      OllamaEmbedder.connect({
        url: "http://192.0.2.10:11434",
        model: "m",
        allowRemote: false,
        batchSize: 8,
      }),
    ).rejects.toThrow(/not this machine[\s\S]*allowRemote/);
    await expect(
      OllamaEmbedder.connect({ url, model: "missing-model", allowRemote: false, batchSize: 8 }),
    ).rejects.toThrow(/HTTP 404[\s\S]*ollama pull missing-model/);
    await expect(
      OllamaEmbedder.connect({
        url: "http://127.0.0.1:1",
        model: "m",
        allowRemote: false,
        batchSize: 8,
      }),
    ).rejects.toThrow(/cannot reach Ollama/);
  });
});
