// `npm run bench -- mcp`: tools/call search round trips over stdio (hearth mcp) and HTTP vs the
// same tools/call in-process (the SDK's in-memory transport to the daemon's own service), so the
// ratios are what the transports add.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Client,
  InMemoryTransport,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { daemonFiles } from "../src/config/paths.js";
import { startDaemonHost } from "../src/host/run-daemon.js";
import { openHearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { createMcpServer } from "../src/mcp/server.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { timed } from "./synthetic.js";
import { readFileSync } from "node:fs";

const BIN = fileURLToPath(new URL("../dist/src/cli/bin.js", import.meta.url));
type Stats = { p50: number; p95: number; mean: number };

export interface McpBenchResult {
  files: number;
  queries: number;
  idle: {
    inProcess: Stats;
    stdio: Stats;
    http: Stats;
    stdioRatioP50: number;
    httpRatioP50: number;
  };
  backlog: { inProcess: Stats; stdio: Stats; http: Stats; pendingAtStart: number };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function notes(root: string, n: number, prefix: string): void {
  for (let d = 0; d < Math.ceil(n / 100); d++)
    mkdirSync(join(root, `${prefix}${d}`), { recursive: true });
  for (let i = 0; i < n; i++) {
    writeFileSync(
      join(root, `${prefix}${Math.floor(i / 100)}`, `n${i}.md`),
      `# Note ${i}\n\nAbout topic${i % 53}, the lease, invoices and plans for week ${i % 52}.\n`,
    );
  }
}

export async function benchMcp(files = 2000, queries = 200): Promise<McpBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-mcp-"));
  try {
    const model = join(dir, "model.gguf");
    writeTestModel(model);
    const root = join(dir, "notes");
    const home = join(dir, "home");
    mkdirSync(home);
    notes(root, files, "base");
    const port = await freePort();
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({
        roots: [root],
        embedding: { model, threads: 1 },
        mcp: { http: { enabled: true, port } },
      }),
    );
    const env = { ...process.env, HEARTH_HOME: home } as Record<string, string>;
    const hearth = await openHearth({ log: silentLogger, env });
    const host = await startDaemonHost(hearth, silentLogger);
    const { daemon } = host;
    await daemon.settled();
    const token = readFileSync(daemonFiles(home).tokenFile, "utf8").trim();

    const stdio = new Client({ name: "bench-stdio", version: "1" });
    await stdio.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, "mcp"],
        env,
        stderr: "ignore",
      }),
    );
    const http = new Client(
      { name: "bench-http", version: "1" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    await http.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    const local = new Client({ name: "bench-in-process", version: "1" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer({ service: host.service, version: "bench", log: silentLogger }).connect(
      serverSide,
    );
    await local.connect(clientSide);
    const query = (i: number) => `lease and invoices for topic${i % 53}`;
    const inProcess = (i: number) =>
      local.callTool({ name: "search", arguments: { query: query(i) } });
    const viaStdio = (i: number) =>
      stdio.callTool({ name: "search", arguments: { query: query(i) } });
    const viaHttp = (i: number) =>
      http.callTool({ name: "search", arguments: { query: query(i) } });

    for (let i = 0; i < 20; i++) await Promise.all([inProcess(i), viaStdio(i), viaHttp(i)]); // warm-up
    const idle = {
      inProcess: await timed(queries, inProcess),
      stdio: await timed(queries, viaStdio),
      http: await timed(queries, viaHttp),
    };

    notes(root, 3000, "backlog");
    await new Promise((r) => setTimeout(r, 1000)); // let the watcher queue the new files
    const pendingAtStart = daemon.activity().queue.pending;
    const backlog = {
      inProcess: await timed(queries / 2, inProcess),
      stdio: await timed(queries / 2, viaStdio),
      http: await timed(queries / 2, viaHttp),
      pendingAtStart,
    };
    await stdio.close();
    await http.close();
    await local.close();
    await host.stop();
    const ratio = (a: Stats) => Math.round((a.p50 / idle.inProcess.p50) * 100) / 100;
    return {
      files,
      queries,
      idle: { ...idle, stdioRatioP50: ratio(idle.stdio), httpRatioP50: ratio(idle.http) },
      backlog,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
