// Part of `npm run bench -- embed`: hybrid MCP searches from concurrent clients while the daemon
// embeds a backlog of documents with the same model: queries must not wait behind indexing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { openHearth } from "../src/hearth.js";
import { startDaemonHost } from "../src/host/run-daemon.js";
import { silentLogger } from "../src/log.js";
import { createMcpServer } from "../src/mcp/server.js";
import { chunkTexts } from "./embed-bench.js";
import { summarize } from "./synthetic.js";

export interface BacklogSearchResult {
  documents: number;
  clients: number;
  /** Pause between one client's calls: 0 saturates; an agent thinks between its searches. */
  thinkMs: number;
  searches: number;
  errors: number;
  /** Files still waiting when the searches began and when they ended: the backlog ran throughout. */
  pendingAtStart: number;
  pendingAtEnd: number;
  latencyMs: { p50: number; p95: number; mean: number };
}

export async function benchBacklogSearch(
  modelPath: string,
  documents = 2000,
  clients = 10,
  thinkMs = 0,
  perClient = 20,
): Promise<BacklogSearchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-backlog-"));
  const root = join(dir, "notes");
  const home = join(dir, "home");
  mkdirSync(home);
  writeFileSync(
    join(home, "config.json"),
    JSON.stringify({ roots: [root], embedding: { model: modelPath } }),
  );
  const texts = chunkTexts(documents, 300, 21);
  for (let d = 0; d < 20; d++) mkdirSync(join(root, `d${d}`), { recursive: true });
  texts.forEach((text, i) => writeFileSync(join(root, `d${i % 20}`, `note-${i}.md`), text));
  const hearth = await openHearth({
    log: silentLogger,
    env: { ...process.env, HEARTH_HOME: home },
  });
  const host = await startDaemonHost(hearth, silentLogger);
  try {
    // Let the walk queue the backlog and the first documents start embedding.
    const deadline = Date.now() + 60_000;
    while (host.daemon.activity().queue.pending < documents / 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const pendingAtStart = host.daemon.activity().queue.pending;
    const connected = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const [a, b] = InMemoryTransport.createLinkedPair();
        await createMcpServer({
          service: host.service,
          version: "bench",
          log: silentLogger,
        }).connect(b);
        const client = new Client({ name: `bench-${i}`, version: "1" });
        await client.connect(a);
        return client;
      }),
    );
    const queries = chunkTexts(clients * perClient, 5, 22);
    const times: number[] = [];
    let errors = 0;
    await Promise.all(
      connected.map(async (client, c) => {
        for (let k = 0; k < perClient; k++) {
          await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
          const started = performance.now();
          const result = (await client.callTool({
            name: "search",
            arguments: { query: queries[c * perClient + k]!, mode: "hybrid" },
          })) as { isError?: boolean };
          times.push(performance.now() - started);
          if (result.isError) errors++;
        }
      }),
    );
    const pendingAtEnd = host.daemon.activity().queue.pending;
    for (const client of connected) await client.close();
    return {
      documents,
      clients,
      thinkMs,
      searches: times.length,
      errors,
      pendingAtStart,
      pendingAtEnd,
      latencyMs: summarize(times),
    };
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
